#include "common/rulefile.h"

#include <string.h>

int rule_lines_open(struct rule_lines *rl, const char *path)
{
	memset(rl, 0, sizeof(*rl));
	rl->fp = fopen(path, "r");
	if (!rl->fp)
		return -1;
	strbuf_init(&rl->line, 0);
	sha256_init(&rl->h);
	return 0;
}

int rule_lines_next(struct rule_lines *rl)
{
	int c;

	for (;;) {
		strbuf_reset(&rl->line);
		while ((c = getc(rl->fp)) != EOF && c != '\n')
			strbuf_addch(&rl->line, (char)c);
		if (c == EOF && !rl->line.len)
			return 0;
		sha256_update(&rl->h, rl->line.buf, rl->line.len);
		sha256_update(&rl->h, "\n", 1);
		rl->lineno++;
		if (rl->line.len && rl->line.buf[rl->line.len - 1] == '\r')
			strbuf_setlen(&rl->line, rl->line.len - 1);
		if (rl->line.len && rl->line.buf[0] != '#')
			return 1;
	}
}

void rule_lines_close(struct rule_lines *rl, char digest[SHA256_HEX_LEN + 1])
{
	if (digest)
		sha256_final_hex(&rl->h, digest);
	else
		sha256_abort(&rl->h);
	fclose(rl->fp);
	strbuf_release(&rl->line);
	rl->fp = NULL;
}
