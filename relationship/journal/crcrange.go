package journal

import (
	"fmt"
	"hash/crc32"
	"os"
)

// Torn-tail recovery looks, at every offset past a bad frame, for a frame
// that checks. A crafted or unlucky tail can hold a plausible frame header
// at many offsets, each claiming a long payload; checking each claim by
// reading and summing its bytes would take time in proportion to the tail
// times the length claimed. rangeSums instead sums the tail once, keeping
// the running CRC-32C every rangeStep bytes, and derives the CRC-32C of any
// range from two of them, in time independent of its length, by the
// algebra of CRCs that zlib's crc32_combine uses: the CRC of A followed by
// B is the CRC of A multiplied by x^(8·len(B)) modulo the polynomial, plus
// the CRC of B.

// rangeStep is how many bytes apart rangeSums keeps a running checksum.
const rangeStep = 256

// castagnoliPoly is the CRC-32C polynomial, reflected.
const castagnoliPoly = 0x82f63b78

// x2n[k] is x^(2^k) modulo the polynomial, reflected.
var x2n = func() (t [32]uint32) {
	p := uint32(1) << 30 // x^1
	t[0] = p
	for k := 1; k < 32; k++ {
		p = multModP(p, p)
		t[k] = p
	}
	return t
}()

// multModP returns a times b modulo the polynomial, both reflected.
func multModP(a, b uint32) uint32 {
	m, p := uint32(1)<<31, uint32(0)
	for {
		if a&m != 0 {
			p ^= b
			if a&(m-1) == 0 {
				return p
			}
		}
		m >>= 1
		if b&1 != 0 {
			b = b>>1 ^ castagnoliPoly
		} else {
			b >>= 1
		}
	}
}

// shiftBytes returns x^(8n) modulo the polynomial: the factor by which
// appending n bytes multiplies a CRC.
func shiftBytes(n int64) uint32 {
	p, k := uint32(1)<<31, 3 // x^0; 8n = n·2^3
	for ; n > 0; n, k = n>>1, k+1 {
		if n&1 != 0 {
			p = multModP(x2n[k&31], p)
		}
	}
	return p
}

// combineCRC returns the CRC-32C of A followed by B from the CRC of A, the
// CRC of B and the length of B.
func combineCRC(crcA, crcB uint32, lenB int64) uint32 {
	return multModP(shiftBytes(lenB), crcA) ^ crcB
}

// rangeSums gives the CRC-32C of any range of a file between base and end.
type rangeSums struct {
	file      *os.File
	base, end int64
	sums      []uint32 // sums[i]: the CRC-32C of the bytes from base to base+i·rangeStep
	buf       []byte
}

// newRangeSums reads the file from base to end once.
func newRangeSums(file *os.File, base, end int64) (*rangeSums, error) {
	r := &rangeSums{file: file, base: base, end: end, buf: make([]byte, rangeStep)}
	r.sums = make([]uint32, 0, (end-base)/rangeStep+1)
	chunk := make([]byte, 1<<20)
	crc := uint32(0)
	r.sums = append(r.sums, crc)
	for off := base; off < end; {
		n := int(min(int64(len(chunk)), end-off))
		if _, err := file.ReadAt(chunk[:n], off); err != nil {
			return nil, err
		}
		for b := chunk[:n]; len(b) > 0; {
			k := min(len(b), rangeStep)
			crc = crc32.Update(crc, castagnoli, b[:k])
			if k == rangeStep {
				r.sums = append(r.sums, crc)
			}
			b = b[k:]
		}
		off += int64(n)
	}
	return r, nil
}

// prefix returns the CRC-32C of the bytes from base to off.
func (r *rangeSums) prefix(off int64) (uint32, error) {
	if off < r.base || off > r.end {
		return 0, fmt.Errorf("offset %d outside %d to %d", off, r.base, r.end)
	}
	i := (off - r.base) / rangeStep
	from := r.base + i*rangeStep
	b := r.buf[:off-from]
	if _, err := r.file.ReadAt(b, from); err != nil {
		return 0, err
	}
	return crc32.Update(r.sums[i], castagnoli, b), nil
}

// sum returns the CRC-32C of the bytes from a to b, continuing from the
// checksum seed (the CRC-32C of what precedes them in the sum).
func (r *rangeSums) sum(seed uint32, a, b int64) (uint32, error) {
	ca, err := r.prefix(a)
	if err != nil {
		return 0, err
	}
	cb, err := r.prefix(b)
	if err != nil {
		return 0, err
	}
	shift := shiftBytes(b - a)
	body := cb ^ multModP(shift, ca) // the CRC of the bytes from a to b
	return multModP(shift, seed) ^ body, nil
}
