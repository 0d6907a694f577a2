package serve_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/saywho/saywho/serve"
)

// Serve the API on a test server and analyse one document through it: the
// answer is the Result JSON of the command.
func ExampleNew() {
	h, err := serve.New(serve.Config{}) // the default Analyzer, no access log
	if err != nil {
		fmt.Println(err)
		return
	}
	ts := httptest.NewServer(h)
	defer ts.Close()

	body := `{"id": "doc1", "text": "“We will rebuild the bridge by spring,” Mayor Ana Ruiz said on Monday."}`
	res, err := http.Post(ts.URL+"/v1/analyze", "application/json", strings.NewReader(body))
	if err != nil {
		fmt.Println(err)
		return
	}
	defer res.Body.Close()
	var r struct {
		ID     string `json:"id"`
		Claims []struct {
			Kind    string `json:"kind"`
			Speaker struct {
				Name string `json:"name"`
			} `json:"speaker"`
			Cue struct {
				Text       string `json:"text"`
				Start, End int
			} `json:"cue"`
		} `json:"claims"`
	}
	if err := json.NewDecoder(res.Body).Decode(&r); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(res.Status, r.ID)
	for _, c := range r.Claims {
		fmt.Printf("%s claim of %s, cue %q at bytes [%d,%d)\n", c.Kind, c.Speaker.Name, c.Cue.Text, c.Cue.Start, c.Cue.End)
	}
	// Output:
	// 200 OK doc1
	// direct claim of Ana Ruiz, cue "said" at bytes [59,63)
}
