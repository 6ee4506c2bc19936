package analyze

import "slices"

// radixMin is the length from which sortUint32 sorts by radix: below it a comparison sort
// is faster than three passes over 2,048 counters.
const radixMin = 512

// sortUint32 sorts a in increasing order. Shingle hashes are sorted by the million in a
// large batch (a department's distinct shingles, then a region's), where a least
// significant digit radix sort, three passes of 11 bits through scratch of a's length,
// takes a fraction of a comparison sort's time.
func sortUint32(a []uint32) {
	if len(a) < radixMin {
		slices.Sort(a)
		return
	}
	src, dst := a, make([]uint32, len(a))
	var count [1 << 11]int
	for shift := uint(0); shift < 32; shift += 11 {
		clear(count[:])
		for _, v := range src {
			count[v>>shift&0x7ff]++
		}
		sum := 0
		for d, c := range count {
			count[d] = sum
			sum += c
		}
		for _, v := range src {
			d := v >> shift & 0x7ff
			dst[count[d]] = v
			count[d]++
		}
		src, dst = dst, src
	}
	copy(a, src) // three passes leave the result in the scratch
}
