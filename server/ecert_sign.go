package main

// SM2 signing for the e-certificate, handed to the JS hooks as a global
// `$sm2` — a crypto primitive only: which text is signed, and when, is decided
// by the hooks (pb_hooks/lib/ecert.js). Signing in Go takes microseconds;
// a JS SM2 library inside the JS VM takes seconds per signature.
//
// Configuration (environment, never a collection):
//   ECERT_KEY_FILE          PEM file with the SM2 private key (PKCS#8 or SEC1),
//                           kept outside pb_public/
//   ECERT_KEY_ID            optional key id; default: the first 8 hex digits
//                           of the SM3 hash of the public key
//   ECERT_PUBLIC_KEYS_FILE  optional JSON [{"kid": "...", "publicKey": "04…"}]:
//                           retired keys whose signatures are still accepted
//
// Signatures are SM2 with SM3 and the standard default user id
// "1234567812345678" (GM/T 0009), as raw r‖s in hex (128 digits), which is
// what browser SM2 libraries verify.

import (
	"crypto/ecdsa"
	"crypto/rand"
	"encoding/asn1"
	"encoding/hex"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"math/big"
	"os"
	"sync"

	"github.com/dop251/goja"
	"github.com/emmansun/gmsm/sm2"
	"github.com/emmansun/gmsm/sm3"
	"github.com/emmansun/gmsm/smx509"
)

type ecertPublicKey struct {
	Kid       string `json:"kid"`
	PublicKey string `json:"publicKey"`
}

type ecertSigner struct {
	key    *sm2.PrivateKey
	kid    string
	public []ecertPublicKey
	err    error
}

var (
	ecertOnce sync.Once
	ecertKey  *ecertSigner
)

// loadEcertSigner reads the configuration once per process; every JS VM shares it.
func loadEcertSigner() *ecertSigner {
	ecertOnce.Do(func() {
		ecertKey = &ecertSigner{}
		file := os.Getenv("ECERT_KEY_FILE")
		if file == "" {
			ecertKey.err = errors.New("电子证书签名密钥未配置（环境变量 ECERT_KEY_FILE）")
			return
		}
		key, err := readSM2PrivateKey(file)
		if err != nil {
			ecertKey.err = fmt.Errorf("电子证书签名密钥无法读取（%s）: %w", file, err)
			return
		}
		pub := publicKeyHex(&key.PublicKey)
		kid := os.Getenv("ECERT_KEY_ID")
		if kid == "" {
			raw, _ := hex.DecodeString(pub)
			sum := sm3.Sum(raw)
			kid = hex.EncodeToString(sum[:4])
		}
		ecertKey.key = key
		ecertKey.kid = kid
		ecertKey.public = []ecertPublicKey{{Kid: kid, PublicKey: pub}}
		if extra := os.Getenv("ECERT_PUBLIC_KEYS_FILE"); extra != "" {
			var retired []ecertPublicKey
			data, err := os.ReadFile(extra)
			if err == nil {
				err = json.Unmarshal(data, &retired)
			}
			if err != nil {
				ecertKey.err = fmt.Errorf("ECERT_PUBLIC_KEYS_FILE 无法读取（%s）: %w", extra, err)
				return
			}
			for _, k := range retired {
				if k.Kid != kid {
					ecertKey.public = append(ecertKey.public, k)
				}
			}
		}
	})
	return ecertKey
}

func readSM2PrivateKey(file string) (*sm2.PrivateKey, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	block, _ := pem.Decode(data)
	if block == nil {
		return nil, errors.New("not a PEM file")
	}
	var parsed any
	if block.Type == "EC PRIVATE KEY" {
		parsed, err = smx509.ParseSM2PrivateKey(block.Bytes)
	} else {
		parsed, err = smx509.ParsePKCS8PrivateKey(block.Bytes)
	}
	if err != nil {
		return nil, err
	}
	key, ok := parsed.(*sm2.PrivateKey)
	if !ok {
		return nil, errors.New("not an SM2 private key")
	}
	return key, nil
}

// publicKeyHex is the uncompressed point 04‖X‖Y.
func publicKeyHex(pub *ecdsa.PublicKey) string {
	buf := make([]byte, 65)
	buf[0] = 4
	pub.X.FillBytes(buf[1:33])
	pub.Y.FillBytes(buf[33:])
	return hex.EncodeToString(buf)
}

// sign returns r‖s in hex of the SM2/SM3 signature of text's UTF-8 bytes.
func (s *ecertSigner) sign(text string) (string, error) {
	if s.err != nil {
		return "", s.err
	}
	der, err := s.key.SignWithSM2(rand.Reader, nil, []byte(text))
	if err != nil {
		return "", err
	}
	var sig struct{ R, S *big.Int }
	if _, err := asn1.Unmarshal(der, &sig); err != nil {
		return "", err
	}
	raw := make([]byte, 64)
	sig.R.FillBytes(raw[:32])
	sig.S.FillBytes(raw[32:])
	return hex.EncodeToString(raw), nil
}

// bindEcertSigner is the jsvm.Config OnInit callback: it defines $sm2 in a JS VM.
func bindEcertSigner(vm *goja.Runtime) {
	s := loadEcertSigner()
	vm.Set("$sm2", map[string]any{
		// The id of the signing key ('' when none is configured).
		"keyId": func() string { return s.kid },
		"sign":  s.sign,
		// Every accepted public key, the signing key first.
		"publicKeys": func() []map[string]string {
			out := make([]map[string]string, 0, len(s.public))
			for _, k := range s.public {
				out = append(out, map[string]string{"kid": k.Kid, "publicKey": k.PublicKey})
			}
			return out
		},
		// Why signing is unavailable ('' when it is).
		"error": func() string {
			if s.err != nil {
				return s.err.Error()
			}
			return ""
		},
	})
}
