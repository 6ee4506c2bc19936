package parse

import (
	"encoding/json"
	"fmt"
)

// String spells the kind as JSON does: "paragraph" or "table".
func (k BlockKind) String() string {
	switch k {
	case Paragraph:
		return "paragraph"
	case Table:
		return "table"
	}
	return fmt.Sprintf("BlockKind(%d)", int(k))
}

// MarshalText spells the kind "paragraph" or "table".
func (k BlockKind) MarshalText() ([]byte, error) {
	switch k {
	case Paragraph, Table:
		return []byte(k.String()), nil
	}
	return nil, fmt.Errorf("parse: unknown block kind %d", int(k))
}

// UnmarshalText reads "paragraph" or "table".
func (k *BlockKind) UnmarshalText(b []byte) error {
	switch string(b) {
	case "paragraph":
		*k = Paragraph
	case "table":
		*k = Table
	default:
		return fmt.Errorf("parse: unknown block kind %q", b)
	}
	return nil
}

// MarshalJSON writes the block's fields and its location ("p12", "t2").
func (b Block) MarshalJSON() ([]byte, error) {
	type plain Block // no methods: no recursion
	return json.Marshal(struct {
		Location string `json:"location"`
		plain
	}{b.Location(), plain(b)})
}
