package iop

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// The examples through calendar.build, estimate and parity.analyse with the numbers the C++ tests
// assert (worked out by hand in tests/cpp/api/test_api.cpp), and a bad request as an error object.

func examples() string {
	if dir := os.Getenv("IOP_EXAMPLES"); dir != "" {
		return dir
	}
	return filepath.Join("..", "..", "..", "examples")
}

// wrap builds {"api_version":1,"<member>":<example>} by concatenation, as every language's test does.
func wrap(t *testing.T, member, example string) string {
	text, err := os.ReadFile(filepath.Join(examples(), example))
	if err != nil {
		t.Fatal(err)
	}
	return `{"api_version":1,"` + member + `":` + string(text) + `}`
}

// call runs the request and writes the response where the cross-language comparison reads it (when asked).
func call(t *testing.T, operation, request, name string) (int, string) {
	status, body := Call(operation, request)
	if out := os.Getenv("IOP_EMBED_OUT"); out != "" {
		if err := os.MkdirAll(out, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(out, name+".json"), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return status, body
}

func result(t *testing.T, status int, body string) map[string]any {
	t.Helper()
	if status != OK {
		t.Fatalf("status %d: %s", status, body)
	}
	var document map[string]any
	if err := json.Unmarshal([]byte(body), &document); err != nil {
		t.Fatal(err)
	}
	if document["api_version"] != 1.0 {
		t.Fatalf("api_version %v", document["api_version"])
	}
	return document["result"].(map[string]any)
}

func TestCalendarOfTheExamplePlan(t *testing.T) {
	// 8 weeks x Mon/Wed/Fri from 2026-03-02, no federal holiday in the course: 24 program days and
	// 4 medication visits; 24 x 180 + 4 x 30 = 4,440 minutes; 18:00 PST on 2026-03-02 = 02:00Z.
	status, body := call(t, "calendar.build", wrap(t, "plan", "plan.json"), "calendar.build")
	calendar := result(t, status, body)
	totals := calendar["totals"].(map[string]any)
	if totals["program_days"] != 24.0 || totals["sessions"] != 28.0 || totals["scheduled_minutes"] != 4440.0 {
		t.Errorf("totals %v", totals)
	}
	first := calendar["sessions"].([]any)[0].(map[string]any)["start"].(map[string]any)["utc"]
	if first != "2026-03-03T02:00:00Z" {
		t.Errorf("first session at %v", first)
	}
}

func TestEstimateOfTheExampleCase(t *testing.T) {
	// 36 program days x $300 + 6 visits x $130 = $11,580; $1,250 deductible + 20% of $10,330 = $3,316.
	status, body := call(t, "estimate", wrap(t, "case", "case.json"), "estimate")
	totals := result(t, status, body)["totals"].(map[string]any)
	if totals["charges"] != "11580.00" || totals["patient"] != "3316.00" || totals["plan"] != "8264.00" {
		t.Errorf("totals %v", totals)
	}
}

func TestParityOfTheExampleDesign(t *testing.T) {
	// $40M of $50M have a copay: 80%; $35 on $25M of those $40M: 62.5%, the predominant level.
	status, body := call(t, "parity.analyse", wrap(t, "design", "design.json"), "parity.analyse")
	report := result(t, status, body)
	copay := report["tests"].([]any)[0].(map[string]any)
	if copay["subject_share"] != "80%" || copay["predominant_display"] != "$35.00" {
		t.Errorf("copay test %v", copay)
	}
	if share := copay["levels"].([]any)[0].(map[string]any)["share"]; share != "62.5%" {
		t.Errorf("level share %v", share)
	}
	if report["passes"] != true {
		t.Error("the example design should pass")
	}
}

func TestABadRequestIsAnErrorObject(t *testing.T) {
	status, body := call(t, "calendar.build", `{"api_version":1,"plan":{"id":"x"}}`, "calendar.build.error")
	if status != Validation {
		t.Fatalf("status %d: %s", status, body)
	}
	var document struct {
		Error struct{ Kind, Field string }
	}
	if err := json.Unmarshal([]byte(body), &document); err != nil {
		t.Fatal(err)
	}
	if document.Error.Kind != "validation" || !strings.HasPrefix(document.Error.Field, "plan.") {
		t.Errorf("error %+v", document.Error)
	}
	if status, _ := Call("calendar.make", `{"api_version":1}`); status != NotFound {
		t.Errorf("unknown operation: status %d", status)
	}
}

func TestGoroutinesGetTheSameBytes(t *testing.T) {
	request := wrap(t, "case", "case.json")
	_, expected := Call("estimate", request)
	var wait sync.WaitGroup
	for g := 0; g < 8; g++ {
		wait.Add(1)
		go func() {
			defer wait.Done()
			for i := 0; i < 3; i++ {
				if _, body := Call("estimate", request); body != expected {
					t.Error("a concurrent call answered differently")
				}
			}
		}()
	}
	wait.Wait()
}

func TestVersions(t *testing.T) {
	if APIVersion() != 1 || len(strings.Split(Version(), ".")) != 3 {
		t.Errorf("versions %q %d", Version(), APIVersion())
	}
}
