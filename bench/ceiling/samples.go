package main

// The Help Page samples of the two responses, as the wire carries them: Json.NET's
// compact JSON and DataContractSerializer's XML (openapi.yaml's components.examples
// LoginResultJson/Xml and ResponseModelRefreshTokenJson/Xml; samples_test.go checks them
// against the spec).
const (
	loginResultJSON = `{"AccessToken":"sample string 1","RefreshAccessToken":"sample string 2","TokenType":"sample string 3","Expires":"2024-11-21T08:42:50.8590439+00:00","ErrorCode":5,"ClienteId":6,"Succeeded":true,"Errors":["sample string 1","sample string 2"]}`

	loginResultXML = `<LoginResult xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns="http://schemas.datacontract.org/2004/07/FormulaCertaAPI.Models.v2.Result"><Errors xmlns:d2p1="http://schemas.microsoft.com/2003/10/Serialization/Arrays" xmlns="http://schemas.datacontract.org/2004/07/FormulaCertaAPI.Models"><d2p1:string>sample string 1</d2p1:string><d2p1:string>sample string 2</d2p1:string></Errors><Succeeded xmlns="http://schemas.datacontract.org/2004/07/FormulaCertaAPI.Models">true</Succeeded><AccessToken>sample string 1</AccessToken><ErrorCode>5</ErrorCode><Expires xmlns:d2p1="http://schemas.datacontract.org/2004/07/System"><d2p1:DateTime>2024-11-21T08:42:50.8590439Z</d2p1:DateTime><d2p1:OffsetMinutes>0</d2p1:OffsetMinutes></Expires><RefreshAccessToken>sample string 2</RefreshAccessToken><TokenType>sample string 3</TokenType></LoginResult>`

	refreshTokenJSON = `{"AckCode":"sample string 1","Status":"sample string 2","Remarks":"sample string 3","DateOfData":"sample string 4","RefreshTokenResponse":{"accessToken":"sample string 1","refreshToken":"sample string 2","created":"sample string 3","expires":"sample string 4","responseData":"sample string 5","errorMessage":"sample string 6","isSuccess":"sample string 7","errorCode":"sample string 8"}}`

	refreshTokenXML = `<ResponseModelRefreshToken xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns="http://schemas.datacontract.org/2004/07/BLL.PFMS"><AckCode>sample string 1</AckCode><DateOfData>sample string 4</DateOfData><RefreshTokenResponse><accessToken>sample string 1</accessToken><created>sample string 3</created><errorCode>sample string 8</errorCode><errorMessage>sample string 6</errorMessage><expires>sample string 4</expires><isSuccess>sample string 7</isSuccess><refreshToken>sample string 2</refreshToken><responseData>sample string 5</responseData></RefreshTokenResponse><Remarks>sample string 3</Remarks><Status>sample string 2</Status></ResponseModelRefreshToken>`
)

// Paths of the two operations, as openapi.yaml spells them.
const (
	refreshTokenPath     = "/api/v2/account/refreshtoken"
	pfmsRefreshTokenPath = "/api/PFMS/pfms_get_refresh_token"
)
