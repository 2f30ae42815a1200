/*
 * fuzz_zipdir.c - libFuzzer target for the zip central-directory reader
 * (common/zipdir.c), which ingest runs on every zip it receives to find
 * where stored members lie.  The input is a zip (or anything else); it is
 * read whole and as a window of a larger file (16 bytes on each side), and
 * every range found must lie inside the zip and be found again by name.
 */
#include "common/zipdir.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(int fd, uint64_t base, uint64_t len)
{
	struct zipdir zd;

	zipdir_read(&zd, fd, base, len);
	for (size_t i = 0; i < zd.n; i++) {
		const struct zipdir_entry *e = &zd.v[i];

		if (e->data_off > len || e->size > len - e->data_off)
			abort(); /* a range outside the zip */
		if (zipdir_find(&zd, zd.names + e->name_off, e->name_len, e->size) !=
		    (int64_t)e->data_off)
			abort(); /* names are unique once read: each is found again */
	}
	zipdir_release(&zd);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	int fd = memfd_create("zip", 0);
	static const char pad[16] = "padding-padding";

	if (fd < 0)
		return 0;
	if (write(fd, data, size) == (ssize_t)size)
		check(fd, 0, size);
	if (ftruncate(fd, 0) == 0 && lseek(fd, 0, SEEK_SET) == 0 &&
	    write(fd, pad, sizeof(pad)) == (ssize_t)sizeof(pad) &&
	    write(fd, data, size) == (ssize_t)size &&
	    write(fd, pad, sizeof(pad)) == (ssize_t)sizeof(pad))
		check(fd, sizeof(pad), size);
	close(fd);
	return 0;
}
