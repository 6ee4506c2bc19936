package batch

import (
	"fmt"
	"hash/fnv"
	"strconv"
	"strings"
)

// Shard is one of N deterministic parts of a batch, so that N processes — a Kubernetes
// Indexed Job, a Slurm array, xargs -P over hosts — read a batch between them: shard K
// reads the files whose path column hashes to K (FNV-1a 64 of the path, modulo N). The
// zero Shard is the whole batch.
type Shard struct {
	// K is the shard's index, 0 ≤ K < N.
	K int
	// N is the number of shards; 0 means the batch is not sharded.
	N int
}

// ShardIndexEnv lists the environment variables ParseShard reads for "auto/N", in order:
// Kubernetes Indexed Jobs and Slurm job arrays.
var ShardIndexEnv = []string{"JOB_COMPLETION_INDEX", "SLURM_ARRAY_TASK_ID"}

// ParseShard reads a --shard value: "K/N" (0-based, 0 ≤ K < N), or "auto/N" to take K
// from the first of ShardIndexEnv that getenv returns non-empty.
func ParseShard(s string, getenv func(string) string) (Shard, error) {
	k, n, ok := strings.Cut(s, "/")
	if !ok {
		return Shard{}, fmt.Errorf("--shard %q: want K/N, e.g. 0/4 or auto/4", s)
	}
	var sh Shard
	var err error
	if sh.N, err = strconv.Atoi(n); err != nil || sh.N < 1 {
		return Shard{}, fmt.Errorf("--shard %q: N must be a whole number ≥ 1", s)
	}
	if k == "auto" {
		k = ""
		for _, name := range ShardIndexEnv {
			if k = getenv(name); k != "" {
				break
			}
		}
		if k == "" {
			return Shard{}, fmt.Errorf("--shard %q: none of %s is set", s, strings.Join(ShardIndexEnv, ", "))
		}
	}
	if sh.K, err = strconv.Atoi(k); err != nil || sh.K < 0 || sh.K >= sh.N {
		return Shard{}, fmt.Errorf("--shard %q: K must be a whole number from 0 to N-1, not %q", s, k)
	}
	return sh, nil
}

// Sharded reports whether s is a part of a batch rather than the whole.
func (s Shard) Sharded() bool { return s.N > 0 }

// Has reports whether the file with the path column path belongs to the shard.
func (s Shard) Has(path string) bool {
	if s.N <= 1 {
		return true
	}
	return ShardOf(path, s.N) == s.K
}

// ShardOf returns the shard, out of n, of the file with the path column path: FNV-1a 64 of
// the path's bytes, modulo n.
func ShardOf(path string, n int) int {
	h := fnv.New64a()
	h.Write([]byte(path))
	return int(h.Sum64() % uint64(n))
}

// String is the --shard value: K/N.
func (s Shard) String() string { return fmt.Sprintf("%d/%d", s.K, s.N) }
