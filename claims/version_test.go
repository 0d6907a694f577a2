package claims

import (
	"strings"
	"testing"

	"github.com/saywho/saywho/claims/internal/cuemodel"
)

// TestModelVersionNamesFeatures checks that ModelVersion names the cue
// model's feature set, so a retrain with new features must bump it.
func TestModelVersionNamesFeatures(t *testing.T) {
	_, feat, ok := strings.Cut(cuemodel.Version, "/")
	if !ok || !strings.Contains(ModelVersion, "cuemodel"+feat) {
		t.Fatalf("ModelVersion %q does not name feature set %q", ModelVersion, cuemodel.Version)
	}
}
