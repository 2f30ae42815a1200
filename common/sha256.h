/*
 * sha256.h - incremental SHA-256 (OpenSSL libcrypto underneath).
 *
 *	struct sha256 h;
 *	sha256_init(&h);
 *	sha256_update(&h, buf, n);	// as often as needed
 *	sha256_final_hex(&h, hex);	// hex: 65 bytes, NUL-terminated
 */
#ifndef IIREVIEW_SHA256_H
#define IIREVIEW_SHA256_H

#include <stddef.h>

#define SHA256_HEX_LEN 64

struct sha256 {
	void *ctx; /* EVP_MD_CTX */
};

void sha256_init(struct sha256 *h);
void sha256_update(struct sha256 *h, const void *data, size_t len);
/* Write the digest as lower-case hex into hex[65] and release the context. */
void sha256_final_hex(struct sha256 *h, char hex[SHA256_HEX_LEN + 1]);
/* Release a context without finishing it (error paths). */
void sha256_abort(struct sha256 *h);

#endif
