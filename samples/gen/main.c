/*
 * main.c - iireview-gen: sample bundles, blank templates and the field catalogue.
 *
 *   iireview-gen --seed N --units N --per-unit N --out DIR --truth FILE
 *                [--attach-kb N] [--defects PCT] [--hostile] [--formats mixed|zip]
 *                [--habits on|off]
 *   iireview-gen --templates DIR
 *   iireview-gen --fields DIR
 *
 * Exit: 0 done, 1 failure, 2 usage.
 */
#include "samples/gen/gen.h"

#include <getopt.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "common/log.h"

static const char usage[] =
    "usage: iireview-gen --seed N --units N --per-unit N --out DIR --truth FILE\n"
    "                    [--attach-kb N] [--defects PCT] [--hostile] [--formats mixed|zip]\n"
    "                    [--habits on|off]\n"
    "       iireview-gen --templates DIR\n"
    "       iireview-gen --fields DIR\n";

static int number(const char *s, long lo, long hi, long *out)
{
	char *end;
	long v = strtol(s, &end, 10);
	if (!*s || *end || v < lo || v > hi)
		return -1;
	*out = v;
	return 0;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {{"seed", required_argument, NULL, 's'},
					     {"units", required_argument, NULL, 'u'},
					     {"per-unit", required_argument, NULL, 'p'},
					     {"out", required_argument, NULL, 'o'},
					     {"truth", required_argument, NULL, 't'},
					     {"attach-kb", required_argument, NULL, 'k'},
					     {"defects", required_argument, NULL, 'd'},
					     {"hostile", no_argument, NULL, 'H'},
					     {"formats", required_argument, NULL, 'f'},
					     {"habits", required_argument, NULL, 'b'},
					     {"templates", required_argument, NULL, 'T'},
					     {"fields", required_argument, NULL, 'F'},
					     {"help", no_argument, NULL, 'h'},
					     {NULL, 0, NULL, 0}};
	struct gen_opts o = {.seed = 1,
			     .units = N_UNITS,
			     .per_unit = 8,
			     .attach_kb = 64,
			     .defects = 15,
			     .mixed = 1,
			     .habits = 1};
	const char *templates = NULL, *fields = NULL;
	long v;
	int c;

	/* Names are handled as UTF-8 whatever the caller's locale (cron runs in C). */
	if (!setlocale(LC_CTYPE, "C.UTF-8"))
		setlocale(LC_CTYPE, "");
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 's': {
			char *end;
			o.seed = strtoull(optarg, &end, 10);
			if (!*optarg || *end)
				goto bad;
			break;
		}
		case 'u':
			if (number(optarg, 1, N_UNITS, &v))
				goto bad;
			o.units = (int)v;
			break;
		case 'p':
			if (number(optarg, 1, 100000, &v))
				goto bad;
			o.per_unit = (int)v;
			break;
		case 'o':
			o.out = optarg;
			break;
		case 't':
			o.truth = optarg;
			break;
		case 'k':
			if (number(optarg, 1, 1 << 20, &v))
				goto bad;
			o.attach_kb = (int)v;
			break;
		case 'd':
			if (number(optarg, 0, 100, &v))
				goto bad;
			o.defects = (int)v;
			break;
		case 'H':
			o.hostile = 1;
			break;
		case 'f':
			if (!strcmp(optarg, "mixed"))
				o.mixed = 1;
			else if (!strcmp(optarg, "zip"))
				o.mixed = 0;
			else
				goto bad;
			break;
		case 'b':
			/* off: the batch of before issue 13, byte for byte (for bisecting) */
			if (!strcmp(optarg, "on"))
				o.habits = 1;
			else if (!strcmp(optarg, "off"))
				o.habits = 0;
			else
				goto bad;
			break;
		case 'T':
			templates = optarg;
			break;
		case 'F':
			fields = optarg;
			break;
		case 'h':
			fputs(usage, stdout);
			return 0;
		default:
			goto bad;
		}
	}
	if (optind != argc)
		goto bad;
	if (templates || fields) {
		int rc = 0;
		if (templates)
			rc |= gen_templates(templates);
		if (fields) {
			mkdir(fields, 0755); /* an existing one is fine */
			rc |= write_field_catalogues(fields);
		}
		return rc ? 1 : 0;
	}
	if (!o.out || !o.truth)
		goto bad;
	return gen_batch(&o) ? 1 : 0;
bad:
	fputs(usage, stderr);
	return 2;
}
