/* prng.c - xoshiro256** (Blackman & Vigna), seeded with splitmix64. */
#include "samples/gen/gen.h"

#include <string.h>

static uint64_t splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

void rng_seed(struct rng *r, uint64_t seed)
{
	uint64_t x = seed;

	for (int i = 0; i < 4; i++)
		r->s[i] = splitmix64(&x);
}

void rng_fork(struct rng *child, uint64_t seed, uint64_t tag1, uint64_t tag2)
{
	/* Mix the tags through splitmix so that neighbouring tags give unrelated streams. */
	uint64_t x = seed ^ 0x5851f42d4c957f2dULL;
	uint64_t a = splitmix64(&x) ^ (tag1 * 0x9e3779b97f4a7c15ULL);
	uint64_t b = splitmix64(&a) ^ (tag2 * 0xc2b2ae3d27d4eb4fULL);

	rng_seed(child, splitmix64(&b));
}

static inline uint64_t rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

uint64_t rng_next(struct rng *r)
{
	uint64_t *s = r->s;
	uint64_t result = rotl(s[1] * 5, 7) * 9;
	uint64_t t = s[1] << 17;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return result;
}

uint64_t rng_below(struct rng *r, uint64_t n)
{
	/* Lemire's multiply-shift; the tiny bias is irrelevant for samples. */
	return (uint64_t)(((unsigned __int128)rng_next(r) * n) >> 64);
}

long rng_range(struct rng *r, long lo, long hi)
{
	if (hi <= lo)
		return lo;
	return lo + (long)rng_below(r, (uint64_t)(hi - lo) + 1);
}

int rng_chance(struct rng *r, int pct)
{
	return (int)rng_below(r, 100) < pct;
}

void rng_fill(struct rng *r, void *buf, size_t len)
{
	unsigned char *p = buf;

	while (len >= 8) {
		uint64_t v = rng_next(r);
		memcpy(p, &v, 8);
		p += 8;
		len -= 8;
	}
	if (len) {
		uint64_t v = rng_next(r);
		memcpy(p, &v, len);
	}
}
