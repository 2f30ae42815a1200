/*
 * gen.c - writes the hostile archives that bsdtar cannot make, byte by
 * byte.  Test data only, not project logic (tests/hostile/make.sh builds
 * and runs it).
 *
 *   gen overlap OUT N MIB   a zip whose N central-directory entries all
 *                           point at one local entry of MIB MiB of zeros,
 *                           deflated: N * MIB MiB from a few hundred KiB
 *   gen empties OUT N       a tar.gz of N zero-length files (N headers of
 *                           512 bytes, gzipped as they are written)
 *   gen dirlink OUT TARGET  a tar: directory "d/", then a symlink "d" to
 *                           TARGET, then the file "d/escape.txt"
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

static void die(const char *what)
{
	perror(what);
	exit(1);
}

static void le16(unsigned char *p, unsigned v)
{
	p[0] = v & 0xff;
	p[1] = (v >> 8) & 0xff;
}

static void le32(unsigned char *p, uint32_t v)
{
	le16(p, v & 0xffff);
	le16(p + 2, v >> 16);
}

static int overlap(const char *out, unsigned n, unsigned mib)
{
	size_t usize = (size_t)mib << 20, csize;
	unsigned char *zeros = calloc(1, usize), *comp, hdr[46];
	uLongf clen = compressBound(usize);
	uint32_t crc, cd_size = 0;
	z_stream z;
	FILE *f = fopen(out, "wb");

	comp = malloc(clen);
	if (!zeros || !comp || !f)
		die("overlap");
	crc = crc32(0, zeros, usize);
	/* Raw deflate (windowBits -15), as zip stores it. */
	memset(&z, 0, sizeof(z));
	if (deflateInit2(&z, 9, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) != Z_OK)
		die("deflateInit2");
	z.next_in = zeros;
	z.avail_in = usize;
	z.next_out = comp;
	z.avail_out = clen;
	if (deflate(&z, Z_FINISH) != Z_STREAM_END)
		die("deflate");
	csize = z.total_out;
	deflateEnd(&z);
	/* The one local entry, named "0". */
	memset(hdr, 0, 30);
	le32(hdr, 0x04034b50);
	le16(hdr + 4, 20);
	le16(hdr + 8, 8);
	le16(hdr + 12, 0x4f72); /* 2019-11-18 */
	le32(hdr + 14, crc);
	le32(hdr + 18, csize);
	le32(hdr + 22, usize);
	le16(hdr + 26, 1);
	fwrite(hdr, 1, 30, f);
	fputc('0', f);
	fwrite(comp, 1, csize, f);
	/* N central entries, each a different name, all at local offset 0. */
	for (unsigned i = 0; i < n; i++) {
		char name[16];
		int len = snprintf(name, sizeof(name), "f%05u.bin", i);

		memset(hdr, 0, 46);
		le32(hdr, 0x02014b50);
		le16(hdr + 4, 20);
		le16(hdr + 6, 20);
		le16(hdr + 10, 8);
		le16(hdr + 14, 0x4f72);
		le32(hdr + 16, crc);
		le32(hdr + 20, csize);
		le32(hdr + 24, usize);
		le16(hdr + 28, len);
		fwrite(hdr, 1, 46, f);
		fwrite(name, 1, len, f);
		cd_size += 46 + len;
	}
	memset(hdr, 0, 22);
	le32(hdr, 0x06054b50);
	le16(hdr + 8, n);
	le16(hdr + 10, n);
	le32(hdr + 12, cd_size);
	le32(hdr + 16, 31 + csize);
	fwrite(hdr, 1, 22, f);
	free(zeros);
	free(comp);
	return fclose(f) ? 1 : 0;
}

/* One ustar header: name, type ('0' file, '5' folder, '2' symlink), link target. */
static void tar_header(unsigned char h[512], const char *name, char type, const char *link)
{
	unsigned sum = 0;

	memset(h, 0, 512);
	snprintf((char *)h, 100, "%s", name);
	memcpy(h + 100, type == '5' ? "0000755" : "0000644", 8);
	memcpy(h + 108, "0000000", 8);
	memcpy(h + 116, "0000000", 8);
	memcpy(h + 124, "00000000000", 12);
	memcpy(h + 136, "13560000000", 12);
	h[156] = (unsigned char)type;
	if (link)
		snprintf((char *)h + 157, 100, "%s", link);
	memcpy(h + 257, "ustar", 6);
	memcpy(h + 263, "00", 2);
	memset(h + 148, ' ', 8);
	for (int i = 0; i < 512; i++)
		sum += h[i];
	snprintf((char *)h + 148, 8, "%06o", sum);
	h[155] = ' ';
}

static int empties(const char *out, unsigned long n)
{
	unsigned char h[512];
	gzFile z = gzopen(out, "wb1");

	if (!z)
		die(out);
	for (unsigned long i = 0; i < n; i++) {
		char name[64];

		snprintf(name, sizeof(name), "e/%03lu/%07lu.txt", i / 10000, i);
		tar_header(h, name, '0', NULL);
		if (gzwrite(z, h, 512) != 512)
			die("gzwrite");
	}
	memset(h, 0, 512);
	gzwrite(z, h, 512);
	gzwrite(z, h, 512);
	return gzclose(z) == Z_OK ? 0 : 1;
}

static int dirlink(const char *out, const char *target)
{
	unsigned char h[512], data[512];
	FILE *f = fopen(out, "wb");
	static const char body[] = "written through a link\n";

	if (!f)
		die(out);
	tar_header(h, "d/", '5', NULL);
	fwrite(h, 1, 512, f);
	tar_header(h, "d", '2', target);
	fwrite(h, 1, 512, f);
	tar_header(h, "d/escape.txt", '0', NULL);
	/* The size field: octal, 11 digits. */
	snprintf((char *)h + 124, 12, "%011o", (unsigned)(sizeof(body) - 1));
	{
		unsigned sum = 0;

		memset(h + 148, ' ', 8);
		for (int i = 0; i < 512; i++)
			sum += h[i];
		snprintf((char *)h + 148, 8, "%06o", sum);
		h[155] = ' ';
	}
	fwrite(h, 1, 512, f);
	memset(data, 0, sizeof(data));
	memcpy(data, body, sizeof(body) - 1);
	fwrite(data, 1, 512, f);
	memset(h, 0, 512);
	fwrite(h, 1, 512, f);
	fwrite(h, 1, 512, f);
	return fclose(f) ? 1 : 0;
}

int main(int argc, char **argv)
{
	if (argc == 5 && !strcmp(argv[1], "overlap"))
		return overlap(argv[2], (unsigned)atoi(argv[3]), (unsigned)atoi(argv[4]));
	if (argc == 4 && !strcmp(argv[1], "empties"))
		return empties(argv[2], strtoul(argv[3], NULL, 10));
	if (argc == 4 && !strcmp(argv[1], "dirlink"))
		return dirlink(argv[2], argv[3]);
	fprintf(stderr, "usage: gen overlap OUT N MIB | empties OUT N | dirlink OUT TARGET\n");
	return 2;
}
