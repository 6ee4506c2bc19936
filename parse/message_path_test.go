package parse

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestMessageHidesPath checks that a file-system error no class covers (here a link to
// itself) is worded without the file's path, as Message promises.
func TestMessageHidesPath(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "self.txt")
	if err := os.Symlink("self.txt", path); err != nil {
		t.Skipf("symlinks unavailable: %v", err)
	}
	_, err := ReadFile(context.Background(), path, DefaultLimits())
	if err == nil {
		t.Fatal("ReadFile of a link to itself succeeded")
	}
	msg := Message(err)
	if !strings.HasPrefix(msg, "unreadable file (无法读取): stat: ") || strings.Contains(msg, dir) || strings.Contains(msg, "self.txt") {
		t.Errorf("Message = %q, want the failure without the path", msg)
	}
}
