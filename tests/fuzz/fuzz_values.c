/*
 * fuzz_values.c - libFuzzer target feeding one input to every value
 * normalizer and both code parsers.  Build and run: see docs/normalizers.md.
 *
 * The input is used twice: as raw bytes (the code parsers take a length) and
 * as a NUL-terminated string (the value parsers take C strings), so that
 * invalid UTF-8 and embedded NULs are both exercised.
 */
#include "common/codes.h"
#include "common/rulesconf.h"
#include "common/strbuf.h"
#include "common/xalloc.h"
#include "normalize/value.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct cluster_list *clusters;

/* clusters.txt's text through its parser (common/rulesconf.c) and the matcher; NULL if refused. */
static struct cluster_list *clusters_of(const char *text, size_t len, struct strbuf *err)
{
	struct rules_config cfg = {0};
	struct cluster_list *l = NULL;

	cfg.clusters_path = xstrdup("clusters.txt");
	if (!rules_clusters_parse(text, len, cfg.clusters_path, &cfg, err))
		l = cluster_list_make(&cfg, err);
	rules_config_release(&cfg);
	return l;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	struct value_result res;
	struct code_result cr;
	struct strbuf sb = STRBUF_INIT;
	long long ll;
	int64_t i64;
	double d;
	int yn, idx;
	struct value_date date;
	struct value_month_range range;
	enum phone_kind kind;

	if (!s)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	if (!clusters) {
		static const char text[] = "新型电力（新能源）装备\n工程机械\n物联网\n前沿新材料\n"
					   "生物医药和新型医疗器械\n高端纺织\n集成电路\n"
					   "海工装备和高技术船舶\n高端装备\n节能环保\n"
					   "核心信息技术\n汽车及零部件\n新型显示\n";

		clusters = clusters_of(text, sizeof(text) - 1, &sb);
		strbuf_reset(&sb);
	}

	credit_code_parse((const char *)data, size, &cr);
	code_result_describe(&cr, &sb);
	org_code_parse((const char *)data, size, &cr);
	code_result_describe(&cr, &sb);
	if (size >= 17)
		credit_code_check_char(s);
	if (size >= 8)
		org_code_check_char(s);

	value_fold(s, &sb);
	value_clean(s, &sb);
	value_is_placeholder(s);
	value_count(s, NULL, &res, &ll);
	value_count(s, "台", &res, &ll);
	value_amount(s, AMOUNT_WAN, &res, &i64);
	value_amount(s, AMOUNT_YUAN, &res, &i64);
	value_percent(s, PERCENT_BARE_IS_PERCENT, &res, &d);
	value_percent(s, PERCENT_BARE_GUESS, &res, &d);
	value_date(s, &res, &date);
	value_month_range(s, &res, &range);
	value_yesno(s, &res, &yn);
	value_phone(s, &res, &sb, &kind);
	value_mobile(s, &res, &sb);
	value_email(s, &res, &sb);
	value_name_key(s, &res, &sb);
	name_is_branch(s);
	value_text_length(s);
	value_cluster(clusters, s, &res, &idx);
	cluster_list_free(clusters_of((const char *)data, size, &sb));

	strbuf_release(&sb);
	free(s);
	return 0;
}
