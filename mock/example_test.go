package mock_test

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"

	"github.com/helpmock/helpmock/fixtures"
	"github.com/helpmock/helpmock/mock"
	"github.com/helpmock/helpmock/spec"
)

// A mock of openapi.yaml answering the documented sample in DataContract XML.
func ExampleNew() {
	s, err := spec.LoadFile("../openapi.yaml")
	if err != nil {
		fmt.Println(err)
		return
	}
	set, err := fixtures.Load(os.DirFS("../fixtures"))
	if err != nil {
		fmt.Println(err)
		return
	}
	server, err := mock.New(mock.Options{Spec: s, Fixtures: set})
	if err != nil {
		fmt.Println(err)
		return
	}
	ts := httptest.NewServer(server)
	defer ts.Close()

	req, _ := http.NewRequest(http.MethodPost, ts.URL+"/api/PFMS/pfms_get_refresh_token",
		strings.NewReader(`{"stateCode":"09","RefreshToken":"r"}`))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "text/xml")
	req.Header.Set("Prefer", "example=docs")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	fmt.Println(resp.StatusCode, resp.Header.Get("Content-Type"))
	fmt.Println(string(body))
	// Output:
	// 200 text/xml; charset=utf-8
	// <ResponseModelRefreshToken xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns="http://schemas.datacontract.org/2004/07/BLL.PFMS"><AckCode>sample string 1</AckCode><DateOfData>sample string 4</DateOfData><RefreshTokenResponse><accessToken>sample string 1</accessToken><created>sample string 3</created><errorCode>sample string 8</errorCode><errorMessage>sample string 6</errorMessage><expires>sample string 4</expires><isSuccess>sample string 7</isSuccess><refreshToken>sample string 2</refreshToken><responseData>sample string 5</responseData></RefreshTokenResponse><Remarks>sample string 3</Remarks><Status>sample string 2</Status></ResponseModelRefreshToken>
}

// A mock of a spec imported from a JSON-only service, with no fixtures: the default
// scenario answers values generated from the schema (the same ones on every request), in
// JSON even to a client that asks for XML, as a service without an XML formatter does.
func ExampleNew_withoutFixtures() {
	s, err := spec.LoadFile("testdata/nofixtures/jsononly.yaml")
	if err != nil {
		fmt.Println(err)
		return
	}
	server, err := mock.New(mock.Options{Spec: s})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, prefer := range []string{"", "example=docs"} {
		req := httptest.NewRequest(http.MethodPost, "/feeds/source", strings.NewReader(`{"id":1}`))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Accept", "application/xml")
		if prefer != "" {
			req.Header.Set("Prefer", prefer)
		}
		rec := httptest.NewRecorder()
		server.ServeHTTP(rec, req)
		fmt.Println(rec.Code, rec.Header().Get("Content-Type"), rec.Body.String())
	}
	// Output:
	// 200 application/json; charset=utf-8 {"id":8054,"url":"https://example.com/url/394","tags":{"key1":true,"key2":true}}
	// 200 application/json; charset=utf-8 {"id":1,"url":"sample string 2","tags":{"1":true}}
}
