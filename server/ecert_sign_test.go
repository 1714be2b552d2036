package main

// go test ./... -bench Sign   (from server/): the signer reads both PEM forms,
// its r‖s signatures verify with gmsm's own SM2/SM3 check, and what one costs.

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/pem"
	"math/big"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/emmansun/gmsm/sm2"
	"github.com/emmansun/gmsm/smx509"
	"golang.org/x/crypto/cryptobyte"
	"golang.org/x/crypto/cryptobyte/asn1"
)

func testSigner(t testing.TB, sec1 bool) *ecertSigner {
	key, err := sm2.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	var block *pem.Block
	if sec1 {
		der, err := smx509.MarshalSM2PrivateKey(key)
		if err != nil {
			t.Fatal(err)
		}
		block = &pem.Block{Type: "EC PRIVATE KEY", Bytes: der}
	} else {
		der, err := smx509.MarshalPKCS8PrivateKey(key)
		if err != nil {
			t.Fatal(err)
		}
		block = &pem.Block{Type: "PRIVATE KEY", Bytes: der}
	}
	file := filepath.Join(t.TempDir(), "key.pem")
	if err := os.WriteFile(file, pem.EncodeToMemory(block), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("ECERT_KEY_FILE", file)
	t.Setenv("ECERT_KEY_ID", "")
	t.Setenv("ECERT_PUBLIC_KEYS_FILE", "")
	ecertOnce = sync.Once{}
	return loadEcertSigner()
}

func TestSignaturesVerify(t *testing.T) {
	for _, sec1 := range []bool{false, true} {
		s := testSigner(t, sec1)
		if s.err != nil {
			t.Fatal(s.err)
		}
		if len(s.kid) != 8 || len(s.public) != 1 || len(s.public[0].PublicKey) != 130 {
			t.Fatalf("unexpected key entry %+v", s.public)
		}
		text := "AG1|云建安B（2024）0000042|王*|530***********4698|B|企业|2028-06-30|2026-11-29|云南省住房和城乡建设厅|ABCDEFGHJKLM|" + s.kid
		sigHex, err := s.sign(text)
		if err != nil {
			t.Fatal(err)
		}
		raw, _ := hex.DecodeString(sigHex)
		if len(raw) != 64 {
			t.Fatalf("signature is %d bytes, want r‖s of 64", len(raw))
		}
		var b cryptobyte.Builder
		b.AddASN1(asn1.SEQUENCE, func(b *cryptobyte.Builder) {
			b.AddASN1BigInt(new(big.Int).SetBytes(raw[:32]))
			b.AddASN1BigInt(new(big.Int).SetBytes(raw[32:]))
		})
		der := b.BytesOrPanic()
		if !sm2.VerifyASN1WithSM2(&s.key.PublicKey, nil, []byte(text), der) {
			t.Fatal("signature does not verify")
		}
		if sm2.VerifyASN1WithSM2(&s.key.PublicKey, nil, []byte(text+" "), der) {
			t.Fatal("signature verifies a changed text")
		}
	}
}

func TestNoKeyNoSignature(t *testing.T) {
	t.Setenv("ECERT_KEY_FILE", "")
	ecertOnce = sync.Once{}
	if _, err := loadEcertSigner().sign("x"); err == nil {
		t.Fatal("signed without a key")
	}
}

func BenchmarkSign(b *testing.B) {
	s := testSigner(b, false)
	for b.Loop() {
		if _, err := s.sign("AG1|云建安B（2024）0000042|王*|530***********4698|B|云南滇源水利水电建设有限公司|2028-06-30|2026-11-29|云南省住房和城乡建设厅|ABCDEFGHJKLM|" + s.kid); err != nil {
			b.Fatal(err)
		}
	}
}
