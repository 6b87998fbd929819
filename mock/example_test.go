package mock_test

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"

	"github.com/helpmock/helpmock/fixtures"
	"github.com/helpmock/helpmock/internal/spec"
	"github.com/helpmock/helpmock/mock"
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
