package main

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/decimal128"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"

	"github.com/jixiao/jixiao/tables"
)

// TestReferenceParquet: the bureau's own figures may come as Parquet with the columns of
// the CSV form (SPEC, "Optional inputs"); a figure that differs raises reference.mismatch.
func TestReferenceParquet(t *testing.T) {
	dir := t.TempDir()
	ref := filepath.Join(dir, "reference.parquet")
	schema := arrow.NewSchema([]arrow.Field{
		{Name: "department", Type: arrow.BinaryTypes.String},
		{Name: "year", Type: arrow.PrimitiveTypes.Int64},
		{Name: "metric", Type: arrow.BinaryTypes.String},
		{Name: "basis", Type: arrow.BinaryTypes.String},
		{Name: "value", Type: &arrow.Decimal128Type{Precision: 20, Scale: 2}},
	}, nil)
	b := array.NewRecordBuilder(memory.NewGoAllocator(), schema)
	defer b.Release()
	b.Field(0).(*array.StringBuilder).Append("县科协")
	b.Field(1).(*array.Int64Builder).Append(2024)
	b.Field(2).(*array.StringBuilder).Append("income.total")
	b.Field(3).(*array.StringBuilder).Append("actual")
	b.Field(4).(*array.Decimal128Builder).Append(decimal128FromCents(220000000)) // 2,200,000.00 元
	rec := b.NewRecordBatch()
	defer rec.Release()
	f, err := os.Create(ref)
	if err != nil {
		t.Fatal(err)
	}
	w, err := pqarrow.NewFileWriter(schema, f, nil, pqarrow.DefaultWriterProps())
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Write(rec); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}

	out := filepath.Join(dir, "out")
	code, _, stderr := runCLI(context.Background(), "run", seedTxt, "-o", out, "--reference", ref)
	if code != exitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	anomalies, err := tables.ReadAnomalies(filepath.Join(out, tables.AnomaliesFile))
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, a := range anomalies {
		if a.Rule == "reference.mismatch" && a.Expected != nil && a.Expected.String() == "2200000" {
			found = true
		}
	}
	if !found {
		t.Errorf("no reference.mismatch against the Parquet reference: %+v", anomalies)
	}
}

func decimal128FromCents(c int64) decimal128.Num { return decimal128.FromI64(c) }
