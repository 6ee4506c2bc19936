package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/pprof"

	flag "github.com/spf13/pflag"
)

// profiles are the diagnostic profiles a run can write (--cpuprofile, --memprofile), read
// with "go tool pprof"; BENCHMARKS.md's profile was taken this way.
type profiles struct {
	cpu, mem *string
}

func profileFlags(fs *flag.FlagSet) profiles {
	return profiles{
		cpu: fs.String("cpuprofile", "", "write a CPU profile of the run to this file (for go tool pprof)"),
		mem: fs.String("memprofile", "", "write a heap profile at the end of the run to this file"),
	}
}

// start begins the CPU profile; stop ends it and writes the heap profile.
func (p profiles) start() (stop func() error, err error) {
	var cpu *os.File
	if *p.cpu != "" {
		if cpu, err = os.Create(*p.cpu); err != nil {
			return nil, fmt.Errorf("--cpuprofile: %w", err)
		}
		if err := pprof.StartCPUProfile(cpu); err != nil {
			return nil, errors.Join(fmt.Errorf("--cpuprofile: %w", err), cpu.Close())
		}
	}
	return func() error {
		var errs []error
		if cpu != nil {
			pprof.StopCPUProfile()
			errs = append(errs, cpu.Close())
		}
		if *p.mem != "" {
			errs = append(errs, writeHeap(*p.mem))
		}
		return errors.Join(errs...)
	}, nil
}

func writeHeap(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("--memprofile: %w", err)
	}
	runtime.GC()
	if err := pprof.Lookup("allocs").WriteTo(f, 0); err != nil {
		return errors.Join(fmt.Errorf("--memprofile: %w", err), f.Close())
	}
	return f.Close()
}

// startOr starts the profiles, reporting a failure on stderr (ok false); stop ends them and
// reports a failure to write them the same way.
func (p profiles) startOr(stderr io.Writer) (stop func(), ok bool) {
	end, err := p.start()
	if err != nil {
		fmt.Fprintf(stderr, "jixiao: %v\n", err)
		return nil, false
	}
	return func() {
		if err := end(); err != nil {
			fmt.Fprintf(stderr, "jixiao: %v\n", err)
		}
	}, true
}
