#include "defect.h"
#include "db.h"
#include "log.h"
#include "strbuf.h"
#include "xalloc.h"

#include <string.h>

static const struct defect_kind kinds[] = {
    /* ingest: the bundle and its archives */
    {"ARCHIVE_CORRUPT", DEFECT_BUNDLE, "压缩包损坏或不完整，无法完整读取",
     "请重新打包（建议使用zip格式）后重新报送。"},
    {"ARCHIVE_ENCRYPTED", DEFECT_FILE, "压缩包或其中文件设置了密码，无法读取",
     "请去除密码后重新打包报送。"},
    {"ARCHIVE_UNSAFE_ENTRY", DEFECT_FILE,
     "压缩包内含不安全条目（指向包外的路径、绝对路径、链接或设备文件），已忽略",
     "请只打包普通文件和文件夹，文件路径不要包含“..”或盘符，重新打包报送。"},
    {"ARCHIVE_LIMIT", DEFECT_BUNDLE,
     "压缩包超出处理限制（文件数、大小、压缩比或嵌套层数），其余内容未读取",
     "请检查压缩包内容，去除无关文件或拆分后重新报送。"},
    {"BUNDLE_EMPTY", DEFECT_BUNDLE, "报送的文件为空（0字节）", "请重新报送完整的申报材料。"},
    {"BUNDLE_NOT_ARCHIVE", DEFECT_BUNDLE, "报送的文件不是压缩包或文件夹，无法识别",
     "请将申报材料打包为zip等压缩包后重新报送。"},
    {"UNIT_UNKNOWN", DEFECT_BUNDLE, "无法确定推荐单位",
     "请在汇总表（附件5）“推荐单位”处填写推荐单位名称，或在压缩包名称中注明。"},
    {"UNIT_CONFLICT", DEFECT_BUNDLE, "推荐单位不一致（汇总表与压缩包名称所示单位不同）",
     "请核对汇总表“推荐单位”与压缩包名称，确认后重新报送。"},
    {"NO_FORMS", DEFECT_BUNDLE, "报送材料中未找到任何申报书",
     "请将企业填写的申报书（Word格式）放入报送材料。"},
    {"SUMMARY_MISSING", DEFECT_BUNDLE, "报送材料中未找到申报情况汇总表（附件5）",
     "请补充附件5申报情况汇总表。"},
    {"ATTACHMENT_UNMATCHED", DEFECT_FILE, "附件无法对应到具体申报企业",
     "请将附件放入对应企业的文件夹，或在文件名中注明企业名称。"},
    /* normalize: forms and fields */
    {"FORM_UNREADABLE", DEFECT_APPLICATION, "申报书无法读取（非.docx格式或文件损坏）",
     "请提供Word（.docx）格式的申报书电子版。"},
    {"FIELD_MISSING", DEFECT_APPLICATION, "必填项未填写", "请补填该项内容。"},
    {"VALUE_UNREADABLE", DEFECT_APPLICATION, "填写内容无法识别",
     "请按申报书要求的格式填写（如数字、日期、金额）。"},
    {"CREDIT_CODE_INVALID", DEFECT_APPLICATION, "统一社会信用代码格式或校验位错误",
     "请核对营业执照，填写正确的18位统一社会信用代码。"},
    {"ORG_CODE_MISMATCH", DEFECT_APPLICATION,
     "组织机构代码与统一社会信用代码第9-17位不一致或校验位错误",
     "请核对并填写正确的组织机构代码。"},
    {"NOT_JIANGSU", DEFECT_APPLICATION, "申报单位不在江苏省内注册",
     "按通知要求，申报单位应在江苏省内注册。"},
    {"NOT_LEGAL_PERSON", DEFECT_APPLICATION, "申报单位不具有独立法人资格（个体工商户或分公司）",
     "按通知要求，申报单位应具有独立法人资格，请以法人单位名义申报。"},
    {"DIRECTION_NONE", DEFECT_APPLICATION, "申报书未勾选申报类别",
     "请在申报书封面勾选一个申报类别。"},
    {"DIRECTION_MULTIPLE", DEFECT_APPLICATION, "申报书勾选了多个申报类别",
     "请在申报书封面只勾选一个申报类别。"},
    {"TEXT_TOO_LONG", DEFECT_APPLICATION, "内容超出字数限制", "请按字数限制压缩该部分内容。"},
    {"FORM_CONVERTED", DEFECT_APPLICATION,
     "申报书为.doc/.wps格式，已自动转换为.docx读取，请核对提取结果",
     "如提取结果有误，请提供Word（.docx）格式的申报书电子版。"},
    {"SUMMARY_TABLE_UNTYPED", DEFECT_FILE,
     "汇总表（附件5）中有表格无法判断是平台汇总表还是标杆工厂汇总表，其中企业未读取",
     "请在该表格上方保留标题（江苏省重点工业互联网平台申报情况汇总表或江苏省工业互联网标杆工厂申报"
     "情况汇总表），"
     "并按模板保留“项目方向”（平台）或“所属行业”（标杆工厂）列，重新报送。"},
    {"VALUE_CONFLICT", DEFECT_APPLICATION, "同一项在两处填写的内容不一致",
     "请核对该项，只在一处填写正确的数值（空格内或旁边的单元格、下一行），删除另一处。"},
    /* evaluate: checks across forms */
    {"COST_ITEMS_MISMATCH", DEFECT_APPLICATION, "项目投入分项之和与项目总投入不一致",
     "请核对四项投入与总投入金额。"},
    {"ATTACHMENT_MISSING", DEFECT_APPLICATION, "缺少必需的证明材料",
     "请补充所缺的证明材料（如发票或专项审计报告）。"},
    {"DUPLICATE_APPLICATION", DEFECT_APPLICATION, "同一企业重复申报同一类别",
     "同一企业同一类别只能申报一次，请撤回重复的申报。"},
    {"SUMMARY_ONLY", DEFECT_APPLICATION, "汇总表中列出但未提供申报书",
     "请补充该企业的申报书，或从汇总表中删除。"},
    {"FORM_ONLY", DEFECT_APPLICATION, "提供了申报书但汇总表中未列出",
     "请在汇总表（附件5）中补列该企业。"},
    {"SUMMARY_MISMATCH", DEFECT_APPLICATION, "汇总表与申报书内容不一致（名称、方向或项目）",
     "请核对汇总表与申报书，保持一致。"},
    {"CULTIVATION_ABSENT", DEFECT_APPLICATION, "2018年省重点工业互联网平台培育类项目单位未参加申报",
     "按通知要求，2018年培育类项目单位须参加此次申报。"},
};

const struct defect_kind *defect_kind(const char *code)
{
	for (size_t i = 0; i < ARRAY_SIZE(kinds); i++)
		if (!strcmp(kinds[i].code, code))
			return &kinds[i];
	return NULL;
}

const struct defect_kind *defect_kinds(size_t *n)
{
	*n = ARRAY_SIZE(kinds);
	return kinds;
}

static void bind_id(sqlite3_stmt *st, int idx, int64_t id)
{
	if (id > 0)
		sqlite3_bind_int64(st, idx, id);
	else
		sqlite3_bind_null(st, idx);
}

/* Cut s to at most max characters (not bytes), marking the cut. */
static void cut_chars(const char *s, size_t max, struct strbuf *out)
{
	size_t chars = 0, i = 0, len = strlen(s);

	for (; i < len; i++) {
		if (((unsigned char)s[i] & 0xC0) != 0x80 && chars++ == max)
			break;
	}
	strbuf_add(out, s, i);
	if (i < len)
		strbuf_addstr(out, "……");
}

int defect_add(sqlite3 *db, const struct defect_place *at, const char *code, const char *field,
	       const char *raw, const char *detail)
{
	struct strbuf cut = STRBUF_INIT;
	sqlite3_stmt *st;
	int ret = 0;

	if (!defect_kind(code))
		BUG("unknown defect code %s", code);
	st = db_prepare(db, "INSERT INTO defects(stage, bundle_id, file_id, application_id, code, "
			    "field, raw, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
	if (!st)
		return -1;
	if (raw)
		cut_chars(raw, 500, &cut);
	db_bind_text(st, 1, at->stage);
	bind_id(st, 2, at->bundle_id);
	bind_id(st, 3, at->file_id);
	bind_id(st, 4, at->application_id);
	db_bind_text(st, 5, code);
	db_bind_text(st, 6, field);
	db_bind_text(st, 7, raw ? cut.buf : NULL);
	db_bind_text(st, 8, detail);
	if (sqlite3_step(st) != SQLITE_DONE)
		ret = error("database: cannot record defect %s: %s", code, sqlite3_errmsg(db));
	sqlite3_finalize(st);
	strbuf_release(&cut);
	return ret;
}
