/*
 * apps.c - one application: its declared values, its defects, and the verdict
 * the later stages must reach (the ground truth).
 *
 * Values are drawn around the thresholds of 附件3/附件4; the verdict is then
 * computed from the values actually written, by the gates listed in
 * samples/README.md, never from the intention that produced them.
 */
#include "samples/gen/gen.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const dir_names[] = {"跨行业跨领域", "行业级",   "企业级", "重点培育",
				 "标杆工厂",	 "不予推荐", ""};

const char *const defect_names[] = {
    "CREDIT_CODE_INVALID", "ORG_CODE_MISMATCH",	 "NOT_JIANGSU",	  "NOT_LEGAL_PERSON",
    "DIRECTION_NONE",	   "DIRECTION_MULTIPLE", "TEXT_TOO_LONG", "FIELD_MISSING",
    "FORM_UNREADABLE",	   "SUMMARY_ONLY",	 "FORM_ONLY",	  "SUMMARY_MISMATCH",
    "COST_ITEMS_MISMATCH", "ATTACHMENT_MISSING",
};

const char *const attachment_names[] = {"营业执照.pdf", "2018年审计报告.pdf", "专项审计报告.pdf",
					"发票汇总.pdf", "信用承诺书.jpg",     "服务合同.pdf"};

const char *const unit_names[N_UNITS] = {
    "南京市", "无锡市", "徐州市", "常州市", "苏州市", "南通市", "连云港市", "淮安市",
    "盐城市", "扬州市", "镇江市", "泰州市", "宿迁市", "昆山市", "泰兴市",   "沭阳县"};

const char *const unit_bureaus[N_UNITS] = {
    "南京市工业和信息化局",   "无锡市工业和信息化局", "徐州市工业和信息化局",
    "常州市工业和信息化局",   "苏州市工业和信息化局", "南通市工业和信息化局",
    "连云港市工业和信息化局", "淮安市工业和信息化局", "盐城市工业和信息化局",
    "扬州市工业和信息化局",   "镇江市工业和信息化局", "泰州市工业和信息化局",
    "宿迁市工业和信息化局",   "昆山市工业和信息化局", "泰兴市工业和信息化局",
    "沭阳县工业和信息化局"};

const char *const clusters[13] = {"新型电力（新能源）装备",
				  "工程机械",
				  "物联网",
				  "前沿新材料",
				  "生物医药和新型医疗器械",
				  "高端纺织",
				  "集成电路",
				  "海工装备和高技术船舶",
				  "高端装备",
				  "节能环保",
				  "核心信息技术",
				  "汽车及零部件",
				  "新型显示"};

struct district {
	const char *code, *name;
};

/* GB/T 2260 codes of the districts and counties of each unit (2019). */
static const struct district districts[N_UNITS][12] = {
    {{"320102", "玄武区"},
     {"320104", "秦淮区"},
     {"320105", "建邺区"},
     {"320106", "鼓楼区"},
     {"320111", "浦口区"},
     {"320113", "栖霞区"},
     {"320114", "雨花台区"},
     {"320115", "江宁区"},
     {"320116", "六合区"},
     {"320117", "溧水区"},
     {"320118", "高淳区"}},
    {{"320205", "锡山区"},
     {"320206", "惠山区"},
     {"320211", "滨湖区"},
     {"320213", "梁溪区"},
     {"320214", "新吴区"},
     {"320281", "江阴市"},
     {"320282", "宜兴市"}},
    {{"320302", "鼓楼区"},
     {"320303", "云龙区"},
     {"320311", "泉山区"},
     {"320312", "铜山区"},
     {"320321", "丰县"},
     {"320322", "沛县"},
     {"320324", "睢宁县"},
     {"320381", "新沂市"},
     {"320382", "邳州市"}},
    {{"320402", "天宁区"},
     {"320404", "钟楼区"},
     {"320411", "新北区"},
     {"320412", "武进区"},
     {"320413", "金坛区"},
     {"320481", "溧阳市"}},
    {{"320505", "虎丘区"},
     {"320506", "吴中区"},
     {"320507", "相城区"},
     {"320508", "姑苏区"},
     {"320509", "吴江区"},
     {"320581", "常熟市"},
     {"320582", "张家港市"},
     {"320585", "太仓市"}},
    {{"320602", "崇川区"},
     {"320611", "港闸区"},
     {"320612", "通州区"},
     {"320623", "如东县"},
     {"320681", "启东市"},
     {"320682", "如皋市"},
     {"320684", "海门市"}},
    {{"320703", "连云区"},
     {"320706", "海州区"},
     {"320707", "赣榆区"},
     {"320722", "东海县"},
     {"320723", "灌云县"},
     {"320724", "灌南县"}},
    {{"320803", "淮安区"},
     {"320804", "淮阴区"},
     {"320812", "清江浦区"},
     {"320813", "洪泽区"},
     {"320826", "涟水县"},
     {"320830", "盱眙县"},
     {"320831", "金湖县"}},
    {{"320902", "亭湖区"},
     {"320903", "盐都区"},
     {"320904", "大丰区"},
     {"320921", "响水县"},
     {"320922", "滨海县"},
     {"320923", "阜宁县"},
     {"320924", "射阳县"},
     {"320925", "建湖县"},
     {"320981", "东台市"}},
    {{"321002", "广陵区"},
     {"321003", "邗江区"},
     {"321012", "江都区"},
     {"321023", "宝应县"},
     {"321081", "仪征市"},
     {"321084", "高邮市"}},
    {{"321102", "京口区"},
     {"321111", "润州区"},
     {"321112", "丹徒区"},
     {"321181", "丹阳市"},
     {"321182", "扬中市"},
     {"321183", "句容市"}},
    {{"321202", "海陵区"},
     {"321203", "高港区"},
     {"321204", "姜堰区"},
     {"321281", "兴化市"},
     {"321282", "靖江市"}},
    {{"321302", "宿城区"}, {"321311", "宿豫区"}, {"321323", "泗阳县"}, {"321324", "泗洪县"}},
    {{"320583", "昆山市"}},
    {{"321283", "泰兴市"}},
    {{"321322", "沭阳县"}},
};

/* The city a unit's district belongs to, for addresses ("苏州市昆山市"). */
static const char *const unit_city[N_UNITS] = {
    "南京市", "无锡市", "徐州市", "常州市", "苏州市", "南通市", "连云港市", "淮安市",
    "盐城市", "扬州市", "镇江市", "泰州市", "宿迁市", "苏州市", "泰州市",   "宿迁市"};
static const char *const unit_short[N_UNITS] = {"南京",	  "无锡", "徐州", "常州", "苏州", "南通",
						"连云港", "淮安", "盐城", "扬州", "镇江", "泰州",
						"宿迁",	  "昆山", "泰兴", "沭阳"};
static const char *const area_codes[N_UNITS] = {"025",	"0510", "0516", "0519", "0512", "0513",
						"0518", "0517", "0515", "0514", "0511", "0523",
						"0527", "0512", "0523", "0527"};

/* ---- key/value store ---- */

const char *app_get(const struct app *a, const char *key)
{
	for (size_t i = 0; i < a->nkv; i++)
		if (!strcmp(a->kv[i].key, key))
			return a->kv[i].val;
	return NULL;
}

void app_set(struct app *a, const char *key, const char *val)
{
	for (size_t i = 0; i < a->nkv; i++) {
		if (!strcmp(a->kv[i].key, key)) {
			free(a->kv[i].val);
			a->kv[i].val = xstrdup(val);
			return;
		}
	}
	ALLOC_GROW(a->kv, a->nkv + 1, a->akv);
	a->kv[a->nkv].key = key;
	a->kv[a->nkv].val = xstrdup(val);
	a->nkv++;
}

void app_unset(struct app *a, const char *key)
{
	for (size_t i = 0; i < a->nkv; i++) {
		if (!strcmp(a->kv[i].key, key)) {
			free(a->kv[i].val);
			a->kv[i] = a->kv[--a->nkv];
			return;
		}
	}
}

static void setf(struct app *a, const char *key, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void setf(struct app *a, const char *key, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	app_set(a, key, sb.buf);
	strbuf_release(&sb);
}

static void seti(struct app *a, const char *key, long v)
{
	setf(a, key, "%ld", v);
}

/* Amounts are drawn in hundredths of 万元 and written without trailing zeros. */
static void set_amount(struct app *a, const char *key, long cents)
{
	if (cents % 100 == 0)
		setf(a, key, "%ld", cents / 100);
	else if (cents % 10 == 0)
		setf(a, key, "%ld.%ld", cents / 100, (cents % 100) / 10);
	else
		setf(a, key, "%ld.%02ld", cents / 100, cents % 100);
}

static long geti(const struct app *a, const char *key, int *known)
{
	const char *v = app_get(a, key);
	if (!v) {
		*known = 0;
		return 0;
	}
	return atol(v);
}

static long get_cents(const struct app *a, const char *key, int *known)
{
	const char *v = app_get(a, key);
	if (!v) {
		*known = 0;
		return 0;
	}
	return (long)(atof(v) * 100.0 + 0.5);
}

size_t utf8_chars(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}

void app_release(struct app *a)
{
	for (size_t i = 0; i < a->nkv; i++)
		free(a->kv[i].val);
	free(a->kv);
	free(a->cluster);
	free(a->form_path);
	strbuf_release(&a->gates_passed);
	strbuf_release(&a->gates_failed);
	strbuf_release(&a->tags);
	memset(a, 0, sizeof(*a));
}

/* ---- names and people ---- */

static const char *const zh1[] = {"华", "恒", "瑞", "博", "中", "天", "金", "鑫", "宏", "远",
				  "达", "创", "新", "云", "智", "海", "正", "德", "信", "长",
				  "苏", "通", "汇", "联", "盛", "泰", "嘉", "富", "亚", "国"};
static const char *const zh2[] = {"科", "源", "宇", "丰", "凯", "昌", "腾", "星", "越", "安",
				  "捷", "力", "鼎", "峰", "辰", "航", "维", "拓", "益", "晟",
				  "诚", "润", "奥", "邦", "驰", "弘", "禾", "普", "杰", "睿"};
static const char *const trades[] = {
    "智能科技", "信息技术", "智能装备",	  "软件",	    "自动化设备", "新材料",
    "精密机械", "电子科技", "机电",	  "数控机床",	    "纺织",	  "化工",
    "特钢",	"电气",	    "物联网科技", "工业互联网科技", "能源科技",	  "汽车零部件",
    "医疗器械", "环保科技", "船舶重工",	  "光电科技",	    "网络科技",	  "数据科技",
    "机器人",	"电力设备", "工程机械",	  "半导体",	    "生物科技",	  "重型机械"};
static const char *const surnames[] = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周",
				       "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗",
				       "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹",
				       "彭", "曾", "田", "董", "潘", "袁", "蒋", "陆", "顾", "钱"};
static const char *const given[] = {"伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋",
				    "勇", "艳", "杰", "涛", "明", "超", "秀", "霞", "平", "刚",
				    "建", "华", "国", "红", "文", "斌", "晓", "峰", "亮", "健",
				    "宇", "东", "海", "琳", "雪", "婷", "鹏", "辉", "波", "颖"};
static const char *const titles[] = {"总经理",	 "副总经理", "信息中心主任", "办公室主任",
				     "技术总监", "项目经理", "总工程师",     "综合管理部部长"};
static const char *const roads[] = {"人民路", "中山路", "长江路",   "黄河路",	  "科技大道",
				    "创新路", "学府路", "工业园路", "开发区大道", "新华路",
				    "建设路", "解放路", "太湖大道", "高新路",	  "金桥路"};

static void person(struct rng *r, struct strbuf *sb)
{
	strbuf_addstr(sb, RNG_PICK(r, surnames));
	strbuf_addstr(sb, RNG_PICK(r, given));
	if (rng_chance(r, 60))
		strbuf_addstr(sb, RNG_PICK(r, given));
}

void app_tag(struct app *a, const char *fmt, ...)
{
	va_list ap;

	if (a->tags.len)
		strbuf_addch(&a->tags, ';');
	va_start(ap, fmt);
	strbuf_vaddf(&a->tags, fmt, ap);
	va_end(ap);
}

static void set_person(struct app *a, struct rng *r, const char *key)
{
	struct strbuf sb = STRBUF_INIT;
	person(r, &sb);
	app_set(a, key, sb.buf);
	strbuf_release(&sb);
}

static void set_mobile(struct app *a, struct rng *r, const char *key)
{
	static const char *const pre[] = {"139", "138", "137", "136", "135", "150", "151",
					  "152", "158", "159", "182", "183", "187", "188",
					  "130", "131", "132", "155", "156", "185", "186",
					  "133", "153", "180", "181", "189", "177"};
	setf(a, key, "%s%08ld", RNG_PICK(r, pre), rng_range(r, 0, 99999999));
}

static void set_phone(struct app *a, struct rng *r, const char *key)
{
	setf(a, key, "%s-%08ld", area_codes[a->unit], rng_range(r, 50000000, 89999999));
}

static void set_date(struct app *a, const char *key, int y, int m, int d)
{
	setf(a, key, "%04d-%02d-%02d", y, m, d);
}

static void random_letters(struct rng *r, struct strbuf *sb, int n)
{
	for (int i = 0; i < n; i++)
		strbuf_addch(sb, 'a' + (int)rng_below(r, 26));
}

/* ---- prose ---- */

static const char *const sentences[] = {
    "公司始终坚持以客户需求为导向，持续加大研发投入，形成了较为完善的产品体系和服务体系。",
    "平台基于微服务架构构建，支持容器化部署和弹性伸缩，能够满足海量工业数据的高并发处理需求。",
    "通过部署边缘计算网关，实现了对数控机床、工业机器人、PLC等设备运行数据的实时采集与预处理。",
    "平台提供设备管理、能耗管理、质量追溯、生产排程等工业APP，覆盖研发、生产、运维等核心环节。",
    "公司组建了专业的工业互联网研发团队，研发人员占员工总数的比例超过百分之三十。",
    "依托平台建立的设备故障预测模型，设备非计划停机时间同比下降约百分之二十五。",
    "项目实施后，生产效率提升百分之二十以上，产品不良品率降低百分之十五，运营成本降低百分之十八。",
    "平台采用多租户权限管理机制，为中小企业提供低成本、快部署、易维护的数字化转型服务。",
    "公司与高校和科研院所建立了长期合作关系，共建工业大数据联合实验室。",
    "平台已在机械加工、纺织服装、电子信息、化工等多个行业实现规模化推广应用。",
    "数据层采用分布式存储和流批一体计算框架，实现数据的统一编目、索引和质量评估。",
    "安全方面部署了工控防火墙、入侵检测和数据加密组件，建立了覆盖设备、网络、平台、数据的防护体系"
    "。",
    "下一步将重点推进标识解析二级节点建设，完善开发者社区，培育第三方开发者生态。",
    "公司先后获得国家高新技术企业、江苏省两化融合贯标试点企业、江苏省示范智能车间等称号。",
    "通过打通ERP、MES、PLM等系统数据，实现了计划、生产、质量、物流等环节的协同优化。",
    "平台开放应用开发接口和图形化开发工具，降低了工业APP的开发门槛，缩短了开发周期。",
    "在区域落地方面，平台与当地政府合作开展企业上云行动，累计服务本地企业数百家。",
    "公司主营业务收入保持稳定增长，近三年连续盈利，具备持续投入平台建设的能力。",
    "项目建设内容包括网络改造、平台部署、系统集成、应用开发和安全防护五个部分。",
    "通过建立能耗仿真模型，对关键工序的能耗数据进行多维度分析，单位产品综合能耗明显下降。",
    "仓储物流环节引入AGV和智能立体仓库，实现了物料配送的路径优化和动态调度。",
    "公司建立了覆盖原材料采购、生产制造、销售服务的全流程质量追溯体系。",
    "平台研发和运营团队实行项目制管理，设立架构、算法、应用、运维等专业小组。",
    "未来三年，公司计划持续投入资金用于平台技术升级、行业模型沉淀和应用市场建设。",
};

/* Paragraphs of prose of about target characters (never a space: counts stay simple). */
static void prose(struct rng *r, struct strbuf *sb, size_t target)
{
	size_t chars = 0, in_para = 0;

	while (1) {
		const char *s = RNG_PICK(r, sentences);
		size_t n = utf8_chars(s);
		if (chars + n > target)
			break;
		if (in_para && rng_chance(r, 30)) {
			strbuf_addch(sb, '\n');
			in_para = 0;
		}
		strbuf_addstr(sb, s);
		chars += n;
		in_para++;
	}
	if (!sb->len)
		strbuf_addstr(sb, sentences[0]);
}

static void set_prose(struct app *a, struct rng *r, const char *key, size_t lo, size_t hi)
{
	struct strbuf sb = STRBUF_INIT;
	prose(r, &sb, (size_t)rng_range(r, (long)lo, (long)hi));
	app_set(a, key, sb.buf);
	strbuf_release(&sb);
}

/* Text length as the truth counts it: characters, paragraph breaks not counted. */
static size_t prose_chars(const char *s)
{
	size_t n = utf8_chars(s);
	for (; *s; s++)
		if (*s == '\n')
			n--;
	return n;
}

/* ---- gates (the thresholds of 附件3 and 附件4; see samples/README.md) ---- */

struct gate {
	int dir;
	const char *id;
	/*
	 * pass when every key >= its bound; alt keys are an alternative (OR).
	 * A box key (is_box_key) has the bound 1: its value is 1 when the box
	 * answers the requirement (gate_value), 0 when it does not.
	 */
	const char *keys[3];
	long bounds[3];
	const char *alt_keys[2];
	long alt_bounds[2];
};

static const struct gate gates[] = {
    /* 附件3 一(一): the 是/否 capabilities of 1.1, 1.2, 1.3, 1.5 */
    {DIR_CROSS, "cross.edge_preprocess", {"edge_preprocess"}, {1}, {0}, {0}},
    {DIR_CROSS, "cross.edge_apps_enabled", {"edge_apps_enabled"}, {1}, {0}, {0}},
    {DIR_CROSS, "cross.cloud_arch", {"cloud_arch"}, {1}, {0}, {0}},
    {DIR_CROSS, "cross.resource_mgmt", {"resource_mgmt"}, {1}, {0}, {0}},
    {DIR_CROSS, "cross.fault_alarm", {"fault_alarm"}, {1}, {0}, {0}},
    {DIR_CROSS, "cross.cloud_integration", {"cloud_integration"}, {1}, {0}, {0}},
    {DIR_CROSS, "cross.sec_mechanism", {"sec_mechanism"}, {1}, {0}, {0}},
    {DIR_CROSS, "cross.parts_secure", {"parts_secure"}, {1}, {0}, {0}},
    {DIR_CROSS, "cross.devices", {"devices", "device_kinds"}, {5000, 30}, {"datapoints"}, {30000}},
    {DIR_CROSS, "cross.managed", {"managed_kinds", "managed"}, {3, 2000}, {0}, {0}},
    {DIR_CROSS, "cross.cloud_sw", {"cloud_sw_kinds", "cloud_sw"}, {3, 20}, {0}, {0}},
    {DIR_CROSS, "cross.models", {"models_kinds", "models"}, {3, 150}, {0}, {0}},
    {DIR_CROSS, "cross.algorithms", {"algorithms"}, {50}, {0}, {0}},
    {DIR_CROSS, "cross.apps", {"app_kinds", "apps"}, {3, 50}, {0}, {0}},
    {DIR_CROSS, "cross.sub_ents", {"sub_ent_kinds", "sub_ents"}, {3, 3000}, {0}, {0}},
    {DIR_CROSS, "cross.sub_users", {"sub_user_kinds", "sub_users"}, {3, 5000}, {0}, {0}},
    {DIR_CROSS, "cross.model_calls", {"model_calls", "algorithm_calls"}, {1000, 1000}, {0}, {0}},
    {DIR_CROSS, "cross.dev_tools", {"dev_tools"}, {2}, {0}, {0}},
    {DIR_CROSS, "cross.kit_devs", {"kit_devs"}, {1000}, {0}, {0}},
    {DIR_CROSS, "cross.tool_calls", {"tool_calls"}, {3000}, {0}, {0}},
    {DIR_CROSS, "cross.languages", {"languages"}, {3}, {0}, {0}},
    {DIR_CROSS, "cross.graphical", {"graphical"}, {1}, {0}, {0}},
    {DIR_CROSS, "cross.third_party", {"third_party_devs"}, {500}, {0}, {0}},
    {DIR_CROSS, "cross.third_party_share", {"third_party_share"}, {20}, {0}, {0}},
    {DIR_CROSS,
     "cross.industries",
     {"industries", "per_industry_devices"},
     {3, 1000},
     {"industries", "per_industry_points"},
     {3, 5000}},
    {DIR_CROSS,
     "cross.industry_models_apps",
     {"model_industries", "per_industry_models", "app_industries"},
     {3, 1, 3},
     {0},
     {0}},
    {DIR_CROSS, "cross.industry_apps", {"per_industry_apps"}, {15}, {0}, {0}},
    {DIR_CROSS,
     "cross.industry_users",
     {"user_industries", "per_industry_users"},
     {3, 5},
     {0},
     {0}},
    {DIR_CROSS,
     "cross.domains",
     {"domains", "per_domain_models", "per_domain_apps"},
     {3, 30, 10},
     {0},
     {0}},
    /* 一(三)2: 打通、集成、共享 all ticked; a regional case */
    {DIR_CROSS, "cross.domain_data", {"domain_data"}, {1}, {0}, {0}},
    {DIR_CROSS, "cross.regional_cases", {"regional_cases"}, {1}, {0}, {0}},
    /* 一(四)1 */
    {DIR_CROSS, "cross.has_plan", {"has_plan"}, {1}, {0}, {0}},
    {DIR_CROSS, "cross.operator", {"operator"}, {1}, {0}, {0}},
    {DIR_CROSS, "cross.staff", {"staff"}, {50}, {0}, {0}},
    /* 一(四)3: 公有云 ticked, the cloud open, an app market or a developer community */
    {DIR_CROSS, "cross.cloud_types", {"cloud_types"}, {1}, {0}, {0}},
    {DIR_CROSS, "cross.cloud_open", {"cloud_open"}, {1}, {0}, {0}},
    {DIR_CROSS, "cross.app_market", {"app_market"}, {1}, {"dev_community"}, {1}},
    /* 附件3 二(一) */
    {DIR_INDUSTRY, "industry.edge_preprocess", {"edge_preprocess"}, {1}, {0}, {0}},
    {DIR_INDUSTRY, "industry.edge_apps_enabled", {"edge_apps_enabled"}, {1}, {0}, {0}},
    {DIR_INDUSTRY, "industry.resource_mgmt", {"resource_mgmt"}, {1}, {0}, {0}},
    {DIR_INDUSTRY, "industry.fault_alarm", {"fault_alarm"}, {1}, {0}, {0}},
    {DIR_INDUSTRY, "industry.cloud_integration", {"cloud_integration"}, {1}, {0}, {0}},
    {DIR_INDUSTRY, "industry.sec_mechanism", {"sec_mechanism"}, {1}, {0}, {0}},
    {DIR_INDUSTRY, "industry.devices", {"devices"}, {1500}, {"datapoints"}, {10000}},
    {DIR_INDUSTRY, "industry.managed", {"managed"}, {200}, {0}, {0}},
    {DIR_INDUSTRY, "industry.models", {"models"}, {50}, {0}, {0}},
    {DIR_INDUSTRY, "industry.algorithms", {"algorithms"}, {20}, {0}, {0}},
    {DIR_INDUSTRY, "industry.apps", {"apps"}, {30}, {0}, {0}},
    {DIR_INDUSTRY, "industry.sub_ents", {"sub_ents"}, {100}, {0}, {0}},
    {DIR_INDUSTRY, "industry.sub_users", {"sub_users"}, {300}, {0}, {0}},
    {DIR_INDUSTRY,
     "industry.model_calls",
     {"model_calls", "algorithm_calls"},
     {500, 500},
     {0},
     {0}},
    {DIR_INDUSTRY, "industry.dev_tools", {"dev_tools"}, {1}, {0}, {0}},
    {DIR_INDUSTRY, "industry.languages", {"languages"}, {2}, {0}, {0}},
    {DIR_INDUSTRY, "industry.graphical", {"graphical"}, {1}, {0}, {0}},
    {DIR_INDUSTRY, "industry.third_party", {"third_party_devs"}, {500}, {0}, {0}},
    {DIR_INDUSTRY, "industry.has_plan", {"has_plan"}, {1}, {0}, {0}},
    {DIR_INDUSTRY, "industry.operator", {"operator"}, {1}, {0}, {0}},
    {DIR_INDUSTRY, "industry.staff", {"staff"}, {30}, {0}, {0}},
    /* 附件3 三(一) */
    {DIR_ENTERPRISE, "enterprise.storage_infra", {"storage_infra"}, {1}, {0}, {0}},
    {DIR_ENTERPRISE, "enterprise.data_integration", {"data_integration"}, {1}, {0}, {0}},
    {DIR_ENTERPRISE, "enterprise.data_modeling", {"data_modeling"}, {1}, {0}, {0}},
    {DIR_ENTERPRISE, "enterprise.sw_interface", {"sw_interface"}, {1}, {0}, {0}},
    {DIR_ENTERPRISE, "enterprise.sec_mechanism", {"sec_mechanism"}, {1}, {0}, {0}},
    {DIR_ENTERPRISE, "enterprise.devices", {"devices"}, {100}, {"datapoints"}, {3000}},
    {DIR_ENTERPRISE, "enterprise.managed", {"managed"}, {30}, {0}, {0}},
    {DIR_ENTERPRISE, "enterprise.models", {"models"}, {20}, {0}, {0}},
    {DIR_ENTERPRISE, "enterprise.apps", {"apps"}, {10}, {0}, {0}},
    {DIR_ENTERPRISE, "enterprise.model_calls", {"model_calls"}, {200}, {0}, {0}},
    /* 三(三)1 */
    {DIR_ENTERPRISE, "enterprise.has_plan", {"has_plan"}, {1}, {0}, {0}},
};

/* The options of the 运营主体 box that 附件3 一(四)1 and 二(三)1 accept. */
static const char *const operators_ok[] = {"独立法人机构", "具有完整组织架构的集团独立部门"};
/* 附件3 一(三)2: data between the domains 打通、集成与共享, all three. */
static const char *const domain_data_all[] = {"打通", "集成", "共享"};

static int list_has(const char *list, const char *label)
{
	size_t n = strlen(label);
	for (const char *p = list; p && *p;) {
		const char *e = strchr(p, ',');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		if (len == n && !strncmp(p, label, n))
			return 1;
		p = e ? e + 1 : NULL;
	}
	return 0;
}

/* Keys answered by a box rather than a figure: yes/no boxes and the option groups gated. */
static int is_box_key(const char *key)
{
	const struct field *f = field_find(APP_PLATFORM, key);
	return !strcmp(key, "cloud_types") || !strcmp(key, "domain_data") ||
	       !strcmp(key, "operator") || (f && !strcmp(f->type, "yesno"));
}

/*
 * Value of a gate key: a box as 1 when it answers the requirement (是; 公有云
 * ticked; 打通、集成、共享 all ticked; an accepted 运营主体), the third-party
 * share as a percentage, a figure as itself.  An option group left blank
 * is 0 (no box ticked), as evaluate counts it; a blank 是/否 is unknown.
 */
static long gate_value(const struct app *a, const char *key, int *known)
{
	if (!strcmp(key, "cloud_types"))
		return list_has(app_get(a, key), "公有云");
	if (!strcmp(key, "domain_data")) {
		const char *v = app_get(a, key);
		for (size_t i = 0; i < ARRAY_SIZE(domain_data_all); i++)
			if (!list_has(v, domain_data_all[i]))
				return 0;
		return 1;
	}
	if (!strcmp(key, "operator")) {
		const char *v = app_get(a, key);
		if (!v)
			*known = 0;
		return v && (!strcmp(v, operators_ok[0]) || !strcmp(v, operators_ok[1]));
	}
	if (is_box_key(key)) {
		const char *v = app_get(a, key);
		if (!v)
			*known = 0;
		return v && !strcmp(v, "是");
	}
	if (!strcmp(key, "third_party_share")) {
		long t = geti(a, "third_party_devs", known), all = geti(a, "developers", known);
		/* share >= 20% <=> 5 * third >= all; report it so that >= 20 is exact */
		return all > 0 && 5 * t >= all ? 20 : 0;
	}
	return geti(a, key, known);
}

static int all_meet(const struct app *a, const char *const *keys, const long *bounds, size_t n)
{
	for (size_t i = 0; i < n && keys[i]; i++) {
		int known = 1;
		long v = gate_value(a, keys[i], &known);
		if (!known || v < bounds[i])
			return 0;
	}
	return 1;
}

static int gate_passes(const struct app *a, const struct gate *g)
{
	return all_meet(a, g->keys, g->bounds, 3) ||
	       (g->alt_keys[0] && all_meet(a, g->alt_keys, g->alt_bounds, 2));
}

static int direction_passes(struct app *a, int dir, int record)
{
	int ok = 1;
	for (size_t i = 0; i < ARRAY_SIZE(gates); i++) {
		if (gates[i].dir != dir)
			continue;
		int p = gate_passes(a, &gates[i]);
		if (record) {
			struct strbuf *sb = p ? &a->gates_passed : &a->gates_failed;
			strbuf_addf(sb, "%s%s", sb->len ? ";" : "", gates[i].id);
		}
		ok &= p;
	}
	return ok;
}

/* The bound of key for dir and the directions below it (for drawing values), or 0. */
static long bound_for(const char *key, int dir)
{
	for (int d = dir; d <= DIR_ENTERPRISE; d++)
		for (size_t i = 0; i < ARRAY_SIZE(gates); i++) {
			if (gates[i].dir != d)
				continue;
			for (int k = 0; k < 3 && gates[i].keys[k]; k++)
				if (!strcmp(gates[i].keys[k], key))
					return gates[i].bounds[k];
			for (int k = 0; k < 2 && gates[i].alt_keys[k]; k++)
				if (!strcmp(gates[i].alt_keys[k], key))
					return gates[i].alt_bounds[k];
		}
	return 0;
}

/* ---- platform values ---- */

enum variant { V_ABOVE, V_EXACT, V_FAIL };

static long draw(struct rng *r, long bound, int variant, long dflt_hi)
{
	if (!bound)
		return rng_range(r, 1, dflt_hi);
	if (variant == V_EXACT)
		return bound;
	return bound + rng_range(r, 0, bound * 2 + 2);
}

static const char *const numeric_gate_keys[] = {
    "devices",
    "device_kinds",
    "datapoints",
    "managed_kinds",
    "managed",
    "cloud_sw_kinds",
    "cloud_sw",
    "models_kinds",
    "models",
    "algorithms",
    "app_kinds",
    "apps",
    "sub_ent_kinds",
    "sub_ents",
    "sub_user_kinds",
    "sub_users",
    "model_calls",
    "algorithm_calls",
    "dev_tools",
    "kit_devs",
    "tool_calls",
    "languages",
    "third_party_devs",
    "industries",
    "per_industry_devices",
    "per_industry_points",
    "model_industries",
    "per_industry_models",
    "app_industries",
    "per_industry_apps",
    "user_industries",
    "per_industry_users",
    "domains",
    "per_domain_models",
    "per_domain_apps",
    "staff",
};

static int is_cross_only(const char *key)
{
	return !strncmp(key, "per_", 4) || !strcmp(key, "industries") ||
	       !strcmp(key, "model_industries") || !strcmp(key, "app_industries") ||
	       !strcmp(key, "user_industries") || !strcmp(key, "domains");
}

static void yn(struct app *a, struct rng *r, const char *key, int pct_yes)
{
	app_set(a, key, rng_chance(r, pct_yes) ? "是" : "否");
}

static void subset(struct app *a, struct rng *r, const char *key, const char *const *opts, size_t n,
		   int pct, int at_least_one)
{
	struct strbuf sb = STRBUF_INIT;
	for (size_t i = 0; i < n; i++)
		if (rng_chance(r, pct))
			strbuf_addf(&sb, "%s%s", sb.len ? "," : "", opts[i]);
	if (!sb.len && at_least_one)
		strbuf_addstr(&sb, opts[rng_below(r, n)]);
	if (sb.len)
		app_set(a, key, sb.buf);
	strbuf_release(&sb);
}

/* A box answered so that its gate passes (gate_value 1). */
static void box_yes(struct app *a, struct rng *r, const char *key)
{
	if (!strcmp(key, "cloud_types")) {
		/* 公有云, with or without 私有云 / 混合云 beside it */
		const char *v = app_get(a, key);
		if (!list_has(v, "公有云"))
			app_set(a, key, list_has(v, "混合云") ? "公有云,混合云" : "公有云");
	} else if (!strcmp(key, "domain_data")) {
		app_set(a, key, "打通,集成,共享");
	} else if (!strcmp(key, "operator")) {
		const char *v = app_get(a, key);
		if (!v || (strcmp(v, operators_ok[0]) && strcmp(v, operators_ok[1])))
			app_set(a, key, RNG_PICK(r, operators_ok));
	} else {
		app_set(a, key, "是");
	}
}

/* A box answered just short of its gate: one answer that does not meet it. */
static void box_no(struct app *a, struct rng *r, const char *key)
{
	if (!strcmp(key, "cloud_types")) {
		static const char *const no_public[] = {"私有云", "混合云", "私有云,混合云"};
		app_set(a, key, RNG_PICK(r, no_public));
	} else if (!strcmp(key, "domain_data")) {
		/* two of the three: 共享, 集成 or 打通 left unticked */
		static const char *const two[] = {"打通,集成", "打通,共享", "集成,共享"};
		app_set(a, key, RNG_PICK(r, two));
	} else if (!strcmp(key, "operator")) {
		app_set(a, key, "其他");
	} else {
		app_set(a, key, "否");
	}
}

/* 3.双跨服务能力 keys (the form asks them of 双跨 applicants only). */
static const char *const cross_section_keys[] = {
    "industries",	 "per_industry_devices", "per_industry_points",
    "model_industries",	 "per_industry_models",	 "app_industries",
    "per_industry_apps", "user_industries",	 "per_industry_users",
    "domains",		 "per_domain_models",	 "per_domain_apps"};

/* Fill 2.3 where it is blank (habits: a form ticking no box or two answers it too). */
static void fill_23(struct app *a, struct rng *r)
{
	if (app_get(a, "users_total"))
		return;
	long u = rng_range(r, 300, 20000);
	seti(a, "users_total", u);
	seti(a, "users_active", u / 3);
	seti(a, "users_enterprises", rng_range(r, 20, 800));
}

/* Fill 3. where it is blank (as fill_23). */
static void fill_3(struct app *a, struct rng *r)
{
	static const char *const dd[] = {"打通", "集成", "共享"};
	for (size_t i = 0; i < ARRAY_SIZE(cross_section_keys); i++) {
		const char *k = cross_section_keys[i];
		if (!app_get(a, k))
			seti(a, k, draw(r, bound_for(k, DIR_CROSS), V_ABOVE, 400));
	}
	if (!app_get(a, "domain_data"))
		subset(a, r, "domain_data", dd, 3, 70, 1);
}

static void gen_platform_values(struct app *a, struct rng *r, int dir, int variant, int process)
{
	int d = dir == DIR_CULTIVATE ? DIR_ENTERPRISE : dir;
	/*
	 * The sections to fill follow the ticked box, also for a platform its
	 * unit lists as 重点培育: the form asks 3. of every 双跨 box and 2.3
	 * of every 行业级 box (rules/fields/required.tsv).
	 */
	const char *tick = app_get(a, "direction");
	int box_cross = tick && !strcmp(tick, dir_names[DIR_CROSS]);
	int box_industry = tick && !strcmp(tick, dir_names[DIR_INDUSTRY]);

	for (size_t i = 0; i < ARRAY_SIZE(numeric_gate_keys); i++) {
		const char *k = numeric_gate_keys[i];
		if (is_cross_only(k) && d != DIR_CROSS && !box_cross && !rng_chance(r, 10))
			continue; /* 3.双跨服务能力 is for 双跨 applicants only */
		long b = bound_for(k, d);
		long v = draw(r, b, variant, strstr(k, "kinds") ? 12 : 400);
		if (dir == DIR_CULTIVATE && b && rng_chance(r, 50))
			v = rng_range(r, b / 2, b - 1 > 0 ? b - 1 : 0);
		seti(a, k, v);
	}
	/* Devices or data points, by the kind of industry the platform serves. */
	if (process) {
		seti(a, "devices", rng_range(r, 10, bound_for("devices", d) / 2 + 10));
	} else {
		long b = bound_for("datapoints", d);
		seti(a, "datapoints", rng_range(r, b / 4, b - 1));
	}
	if (d == DIR_CROSS) {
		long t = atol(app_get(a, "third_party_devs"));
		/* the share: third-party developers are at least 20% of all */
		seti(a, "developers", variant == V_EXACT ? t * 5 : t + rng_range(r, t / 2, t * 3));
	} else {
		long t = atol(app_get(a, "third_party_devs"));
		seti(a, "developers", t + rng_range(r, 10, t * 4 + 10));
	}
	app_set(a, "graphical", dir == DIR_CULTIVATE && rng_chance(r, 40) ? "否" : "是");
	if (d == DIR_ENTERPRISE && rng_chance(r, 30))
		app_set(a, "graphical", "否");

	if (dir != DIR_CULTIVATE) {
		/*
		 * The boxes 附件3 gates for the declared direction and those below
		 * it say yes, as an applicant meeting them ticks them; every other
		 * box stays as drawn.  The one-below case below may undo one.
		 */
		for (size_t i = 0; i < ARRAY_SIZE(gates); i++) {
			const struct gate *g = &gates[i];
			if (g->dir < d)
				continue;
			for (int k = 0; k < 3 && g->keys[k]; k++)
				if (is_box_key(g->keys[k]))
					box_yes(a, r, g->keys[k]);
			/* an alternative box (开发者社区 beside 应用市场) is ticked or not */
			for (int k = 0; k < 2 && g->alt_keys[k]; k++)
				if (is_box_key(g->alt_keys[k]) && rng_chance(r, 60))
					box_yes(a, r, g->alt_keys[k]);
		}
	}

	if (variant == V_FAIL && dir != DIR_CULTIVATE) {
		/* Exactly one gate of the declared direction just missed. */
		size_t cand[64], n = 0;
		for (size_t i = 0; i < ARRAY_SIZE(gates); i++)
			if (gates[i].dir == dir)
				cand[n++] = i;
		const struct gate *g = &gates[cand[rng_below(r, n)]];
		const char *k = g->keys[rng_below(r, g->keys[1] ? (g->keys[2] ? 3 : 2) : 1)];
		if (is_box_key(k)) {
			box_no(a, r, k);
			/* habit f: a box gate of the office's reading (graphical is older) */
			if (a->habits && strcmp(k, "graphical"))
				app_tag(a, "gate_below=%s", g->id);
		} else if (!strcmp(k, "third_party_share")) {
			long t = atol(app_get(a, "third_party_devs"));
			seti(a, "developers", t * 5 + 1);
		} else {
			seti(a, k, g->bounds[k == g->keys[0] ? 0 : k == g->keys[1] ? 1 : 2] - 1);
		}
		if (g->alt_keys[0]) {
			/* and the alternative missed too, else the gate still passes */
			for (int j = 0; j < 2 && g->alt_keys[j]; j++) {
				if (!strcmp(g->alt_keys[j], k))
					continue;
				if (is_box_key(g->alt_keys[j]))
					box_no(a, r, g->alt_keys[j]);
				else
					seti(a, g->alt_keys[j],
					     g->alt_bounds[j] - 1 -
						 rng_range(r, 0, g->alt_bounds[j] / 3));
			}
		}
	}
	if (d != DIR_INDUSTRY && !box_industry && rng_chance(r, 85)) {
		/* 2.3 is for 行业级 only; most others leave it blank */
	} else {
		long u = rng_range(r, 300, 20000);
		seti(a, "users_total", u);
		seti(a, "users_active", u / 3);
		seti(a, "users_enterprises", rng_range(r, 20, 800));
	}
}

static void gen_platform(struct app *a, struct rng *r, int variant)
{
	static const char *const plat_names[] = {"工业互联网平台", "云平台", "智造云平台",
						 "工业大脑平台", "工业互联网服务平台"};
	static const char *const clouds[] = {"阿里云", "华为云", "腾讯云", "天翼云", "移动云"};
	static const char *const archs[] = {"Kubernetes", "Cloud Foundry", "OpenShift",
					    "Docker Swarm"};
	static const char *const units[] = {"TB", "PB", "GB"};
	static const char *const cloud_types[] = {"公有云", "私有云", "混合云"};
	static const char *const mgmt[] = {"开发", "部署", "交易", "交付", "评测", "安全认证"};
	static const char *const tech[] = {"人工智能", "区块链", "VR/AR/MR"};
	static const char *const dd[] = {"打通", "集成", "共享"};
	static const char *const yn_keys[] = {
	    "profitable_3y",	 "has_strategy",    "has_industrial_net",
	    "net_interconnect",	 "edge_preprocess", "edge_apps_enabled",
	    "storage_infra",	 "cloud_arch",	    "cloud_open",
	    "resource_mgmt",	 "fault_alarm",	    "data_integration",
	    "cloud_integration", "data_modeling",   "full_software",
	    "sw_interface",	 "sw_cloudify",	    "multi_models",
	    "multi_apps",	 "app_market",	    "dev_community",
	    "oss_community",	 "sec_mechanism",   "parts_secure",
	    "edge_computing",	 "regional_cases",  "has_plan"};
	int dir = a->declared;

	setf(a, "platform_name", "%s%s", app_get(a, "s.zihao"), RNG_PICK(r, plat_names));
	app_set(a, "builder", app_get(a, "enterprise"));
	setf(a, "build_time", "%ld-%02ld/%d-%02ld", rng_range(r, 2014, 2017), rng_range(r, 1, 12),
	     2019, rng_range(r, 1, 9));
	if (a->habits && rng_chance(r, 35)) {
		/* 建设时间 is an open cell: a month, a year or a day answers it too (habit c) */
		long y = rng_range(r, 2014, 2018), m = rng_range(r, 1, 12);
		long kind = rng_range(r, 0, 2);
		if (kind == 0)
			setf(a, "build_time", "%ld-%02ld", y, m);
		else if (kind == 1)
			setf(a, "build_time", "%ld", y);
		else
			setf(a, "build_time", "%ld-%02ld-%02ld", y, m, rng_range(r, 1, 28));
	}
	set_amount(a, "platform_invest", rng_range(r, 300, 20000) * 100);
	app_set(a, "build_mode", rng_chance(r, 70) ? "自建" : "合作共建");
	if (!strcmp(app_get(a, "build_mode"), "合作共建"))
		setf(a, "partner", "%s%s信息技术有限公司", RNG_PICK(r, unit_short),
		     RNG_PICK(r, zh1));
	app_set(a, "iaas", rng_chance(r, 40) ? "自建" : "租用");
	if (!strcmp(app_get(a, "iaas"), "租用"))
		app_set(a, "iaas_provider", RNG_PICK(r, clouds));
	for (size_t i = 0; i < ARRAY_SIZE(yn_keys); i++)
		yn(a, r, yn_keys[i], 88);
	seti(a, "revenue_rank_pct", rng_range(r, 1, 40));
	yn(a, r, "top10", 40);
	seti(a, "rd_ratio", rng_range(r, 3, 15));
	seti(a, "protocols", rng_range(r, 3, 60));
	seti(a, "networks", rng_range(r, 2, 12));
	seti(a, "data_kinds", rng_range(r, 5, 80));
	if (!strcmp(app_get(a, "edge_apps_enabled"), "是"))
		seti(a, "edge_apps", rng_range(r, 2, 30));
	seti(a, "control_systems", rng_range(r, 3, 40));
	subset(a, r, "cloud_types", cloud_types, 3, 45, 1);
	seti(a, "db_kinds", rng_range(r, 2, 9));
	app_set(a, "runtime_arch", RNG_PICK(r, archs));
	seti(a, "runtime_caps", rng_range(r, 3, 12));
	seti(a, "user_mgmt_kinds", rng_range(r, 3, 10));
	setf(a, "data_volume", "%ld%s", rng_range(r, 2, 900), RNG_PICK(r, units));
	seti(a, "data_func_kinds", rng_range(r, 3, 8));
	seti(a, "realtime_gbps", rng_range(r, 1, 40));
	seti(a, "max_concurrency", rng_range(r, 500, 50000));
	seti(a, "response_ms", rng_range(r, 5, 200));
	seti(a, "bandwidth", rng_range(r, 100, 10000));
	seti(a, "paas_dev_tools", rng_range(r, 1, 30));
	seti(a, "paas_tool_calls", rng_range(r, 100, 90000));
	seti(a, "general_algorithms", rng_range(r, 5, 300));
	seti(a, "general_algorithm_calls", rng_range(r, 100, 90000));
	static const char *const pairs[] = {"xp_models",       "xp_microservices", "xp_apps",
					    "iaas_components", "sec_modules",	   "sec_libs",
					    "microservices"};
	static const char *const pair_kinds[] = {"xp_models_kinds",    "xp_microservices_kinds",
						 "xp_apps_kinds",      "iaas_components_kinds",
						 "sec_modules_kinds",  "sec_libs_kinds",
						 "microservices_kinds"};
	for (size_t i = 0; i < ARRAY_SIZE(pairs); i++) {
		long k = rng_range(r, 2, 15);
		seti(a, pair_kinds[i], k);
		seti(a, pairs[i], k * rng_range(r, 2, 20));
	}
	seti(a, "microservice_kinds", rng_range(r, 3, 20));
	subset(a, r, "mgmt_functions", mgmt, ARRAY_SIZE(mgmt), 60, a->habits);
	subset(a, r, "new_tech", tech, ARRAY_SIZE(tech), 50, a->habits);
	seti(a, "new_tech_functions", rng_range(r, 1, 60));
	if (rng_chance(r, 30)) {
		app_set(a, "id_node", "是");
		app_set(a, "id_node_scope", rng_chance(r, 50) ? "综合性" : "行业性");
		long y = rng_range(r, 2019, 2020);
		setf(a, "id_node_period", "%ld年--%ld年", y, y + rng_range(r, 1, 3));
	} else {
		app_set(a, "id_node", "否");
	}
	seti(a, "microservice_calls", rng_range(r, 200, 50000));
	seti(a, "algo_devs", rng_range(r, 20, 3000));
	seti(a, "microservice_devs", rng_range(r, 20, 3000));
	subset(a, r, "domain_data", dd, 3, 70, 0);
	/* 附件3 asks nothing of a 企业级 platform's 运营主体: some tick 其他 */
	if (dir == DIR_ENTERPRISE && rng_chance(r, 20))
		app_set(a, "operator", "其他");
	else
		app_set(a, "operator",
			rng_chance(r, 70) ? "独立法人机构" : "具有完整组织架构的集团独立部门");
	for (int y = 2017; y <= 2019; y++) {
		static const char *const ik[] = {"invest_2017", "invest_2018", "invest_2019"};
		static const char *const rk[] = {"revenue_2017", "revenue_2018", "revenue_2019"};
		set_amount(a, ik[y - 2017], rng_range(r, 5000, 500000));
		set_amount(a, rk[y - 2017], rng_range(r, 5000, 2000000));
	}
	gen_platform_values(a, r, a->table_dir == DIR_CULTIVATE ? DIR_CULTIVATE : dir, variant,
			    rng_chance(r, 30));
	/* A box the gates turned to 是 asks its figure (如是，则能加载____类边缘应用). */
	if (!strcmp(app_get(a, "edge_apps_enabled"), "是") && !app_get(a, "edge_apps"))
		seti(a, "edge_apps", rng_range(r, 2, 30));
	set_prose(a, r, "intro", 500, 980);
	set_prose(a, r, "effect", 150, 500);
	set_prose(a, r, "cases", 300, 900);
	set_prose(a, r, "regional", 150, 600);
	set_prose(a, r, "architecture", 600, 1480);
	if (rng_chance(r, 90))
		set_prose(a, r, "plan", 500, 2450);
}

/* ---- factory values ---- */

static void gen_factory(struct app *a, struct rng *r, int variant)
{
	static const char *const industries[] = {
	    "制造业-通用设备制造业-金属加工机械制造",
	    "制造业-化学纤维制造业-纤维素纤维原料及纤维制造",
	    "制造业-汽车制造业-汽车零部件及配件制造",
	    "制造业-电气机械和器材制造业-输配电及控制设备制造",
	    "制造业-计算机、通信和其他电子设备制造业-电子元件及电子专用材料制造",
	    "制造业-纺织业-棉纺织及印染精加工",
	    "制造业-化学原料和化学制品制造业-基础化学原料制造",
	    "制造业-黑色金属冶炼和压延加工业-钢压延加工",
	    "制造业-医药制造业-化学药品制剂制造",
	    "制造业-专用设备制造业-化工、木材、非金属加工专用设备制造"};
	static const char *const honors[] = {"江苏省两化融合管理体系贯标试点企业",
					     "江苏省示范智能车间",
					     "国家智能制造试点示范项目",
					     "江苏省工业互联网标杆工程",
					     "江苏省星级上云企业（四星级）",
					     "制造业与互联网融合发展试点示范项目",
					     "江苏省智能制造示范工厂"};
	static const char *const levels[] = {"国家级", "省级", "市级"};
	static const char *const proj[] = {"智能工厂建设项目", "基于工业互联网的数字化车间项目",
					   "工业互联网标杆工厂项目", "智能制造综合提升项目"};
	static const char *const wireless[] = {"5G", "4G", "NB-IoT", "ZigBee", "Lora"};
	static const char *const wired[] = {"通用以太网", "工业以太网", "TSN网络", "现场总线",
					    "工业PON"};
	static const char *const priv[] = {"上网专线", "互联专线", "SD-WAN", "VPN网络"};
	static const char *const ptech[] = {"自建平台", "接入应用平台"};
	static const char *const sb_[] = {"防火墙",   "工控防火墙",   "抗DDOS",
					  "入侵防御", "数据泄漏防护", "防病毒网关"};
	static const char *const sd[] = {"入侵检测", "漏洞扫描", "工控漏洞扫描"};
	static const char *const sm[] = {"网络分区分域", "终端安全保护系统", "工控终端安全系统"};
	static const char *const site[] = {"生产工艺优化", "质量检测分析"};
	static const char *const mg[] = {"进度智能管控", "全流程质量优化", "能源效率优化",
					 "厂内物流优化", "智能安全管控"};
	static const char *const bz[] = {"生产管控一体化", "库存管理", "财务流程优化"};
	static const char *const fp[] = {"综合设计仿真优化", "设计制造一体化", "产品服务优化",
					 "产品使用反馈优化"};
	static const char *const fa[] = {"工厂设计仿真优化", "工厂资产运行优化",
					 "工厂资产故障预测"};
	static const char *const fb[] = {"用户需求预测", "供应链协同", "制造资源协同",
					 "全价值链集成优化"};
	static const char *const fc[] = {"柔性可重构制造系统设计", "基于供应链的产品设计优化"};
	static const char *const honor_keys[][3] = {
	    {"honor1_name", "honor1_level", "honor1_date"},
	    {"honor2_name", "honor2_level", "honor2_date"},
	    {"honor3_name", "honor3_level", "honor3_date"},
	    {"honor4_name", "honor4_level", "honor4_date"},
	    {"honor5_name", "honor5_level", "honor5_date"},
	    {"honor6_name", "honor6_level", "honor6_date"},
	};
	static const char *const fin[][3] = {{"assets_2017", "assets_2018", "assets_2019"},
					     {"revenue_2017", "revenue_2018", "revenue_2019"},
					     {"tax_2017", "tax_2018", "tax_2019"},
					     {"profit_2017", "profit_2018", "profit_2019"}};
	static const char *const debt[] = {"debt_ratio_2017", "debt_ratio_2018", "debt_ratio_2019"};

	app_set(a, "industry", RNG_PICK(r, industries));
	app_set(a, "industry_type", rng_chance(r, 65) ? "离散行业" : "流程行业");
	for (int y = 0; y < 3; y++) {
		long base = rng_range(r, 20000, 3000000);
		for (int k = 0; k < 4; k++)
			set_amount(a, fin[k][y], k == 0 ? base : base / (k == 1 ? 2 : 20) + y);
		seti(a, debt[y], rng_range(r, 20, 75));
	}
	long nh = rng_range(r, 0, 6);
	for (long i = 0; i < nh; i++) {
		app_set(a, honor_keys[i][0], honors[(i + rng_below(r, 3)) % ARRAY_SIZE(honors)]);
		app_set(a, honor_keys[i][1], RNG_PICK(r, levels));
		set_date(a, honor_keys[i][2], (int)rng_range(r, 2015, 2019),
			 (int)rng_range(r, 1, 12), (int)rng_range(r, 1, 28));
	}
	setf(a, "project_name", "%s%s", app_get(a, "s.zihao"), RNG_PICK(r, proj));
	app_set(a, "cover_project", app_get(a, "project_name"));

	/*
	 * Completed before the notice (2019-10-14) or not; never ending in 2019-10 itself.
	 * Started in 2017 or later (the notice counts investment since 2017-01-01), but
	 * now and then a failing project started in 2016.
	 */
	long sy = rng_range(r, 2017, 2018), sm_ = rng_range(r, 1, 12);
	if (variant == V_FAIL && rng_chance(r, 20))
		sy = 2016;
	long ey, em;
	if (variant != V_FAIL || rng_chance(r, 50)) {
		ey = rng_range(r, sy + 1, 2019);
		em = ey == 2019 ? rng_range(r, 1, 9) : rng_range(r, 1, 12);
	} else {
		ey = rng_range(r, 2019, 2020);
		em = ey == 2019 ? rng_range(r, 11, 12) : rng_range(r, 1, 12);
	}
	setf(a, "project_period", "%ld-%02ld/%ld-%02ld", sy, sm_, ey, em);

	long total; /* hundredths of 万元 */
	if (variant == V_EXACT)
		total = 200000;
	else if (variant == V_FAIL && rng_chance(r, 50))
		total = rng_range(r, 80000, 199999);
	else
		total = rng_range(r, 200001, 900000);
	if (rng_chance(r, 50))
		total -= total % 100;
	set_amount(a, "total_invest", total);
	long c1 = total * rng_range(r, 20, 40) / 100, c2 = total * rng_range(r, 25, 45) / 100;
	long c3 = total * rng_range(r, 5, 12) / 100, c4 = total - c1 - c2 - c3;
	set_amount(a, "cost_dev", c1);
	set_amount(a, "cost_equipment", c2);
	set_amount(a, "cost_test", c3);
	set_amount(a, "cost_salary", c4);

	subset(a, r, "net_wireless", wireless, ARRAY_SIZE(wireless), 35, 0);
	subset(a, r, "net_wired", wired, ARRAY_SIZE(wired), 50, 1);
	subset(a, r, "net_private", priv, ARRAY_SIZE(priv), 40, 0);
	subset(a, r, "platform_tech", ptech, 2, 50, 1);
	subset(a, r, "sec_boundary", sb_, ARRAY_SIZE(sb_), 50, 1);
	subset(a, r, "sec_detect", sd, ARRAY_SIZE(sd), 50, 0);
	subset(a, r, "sec_manage", sm, ARRAY_SIZE(sm), 50, 0);
	subset(a, r, "opt_site", site, ARRAY_SIZE(site), 60, 1);
	subset(a, r, "opt_mgmt", mg, ARRAY_SIZE(mg), 50, 1);
	subset(a, r, "opt_biz", bz, ARRAY_SIZE(bz), 50, 1);
	if (variant == V_FAIL && rng_chance(r, 40)) {
		static const char *const groups[] = {"opt_site", "opt_mgmt", "opt_biz"};
		app_unset(a, RNG_PICK(r, groups));
	}
	subset(a, r, "flow_product", fp, ARRAY_SIZE(fp), 35, 0);
	subset(a, r, "flow_asset", fa, ARRAY_SIZE(fa), 35, 0);
	subset(a, r, "flow_business", fb, ARRAY_SIZE(fb), 35, 0);
	subset(a, r, "flow_cross", fc, ARRAY_SIZE(fc), 25, 0);

	set_prose(a, r, "project_desc", 400, 980);
	static const char *const secs[] = {
	    "company_profile", "tech_level",	"industry_advantage", "factory_overview",
	    "build_content",   "innovations",	"direct_effects",     "market_analysis",
	    "industry_impact", "invest_detail", "organization"};
	for (size_t i = 0; i < ARRAY_SIZE(secs); i++)
		set_prose(a, r, secs[i], 100, 400);
}

/* ---- the application ---- */

static void credit_code(struct app *a, struct rng *r, const char *region, const char *prefix,
			int break_check)
{
	/* Organization-code bodies: digits, or the newer "MA" codes, from the credit charset. */
	static const char letters[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
	char body[20], org[10];

	if (rng_chance(r, 50)) {
		for (int i = 0; i < 8; i++)
			org[i] = (char)('0' + rng_below(r, 10));
	} else {
		org[0] = 'M';
		org[1] = 'A';
		for (int i = 2; i < 8; i++)
			org[i] = letters[rng_below(r, 31)];
	}
	org[8] = org_check_char(org);
	org[9] = '\0';
	snprintf(body, sizeof(body), "%s%s%s", prefix, region, org);
	body[17] = credit_check_char(body);
	if (break_check) {
		const char *p = strchr(letters, body[17]);
		body[17] = letters[((p - letters) + 1 + (long)rng_below(r, 29)) % 31];
	}
	body[18] = '\0';
	app_set(a, "credit_code", body);
	app_set(a, "org_code", org);
}

static int has(unsigned set, int d)
{
	return (set >> d) & 1u;
}

static unsigned pick_defects(struct rng *r, int type, int pct)
{
	static const int plat[] = {D_CREDIT_CODE_INVALID, D_ORG_CODE_MISMATCH, D_NOT_JIANGSU,
				   D_NOT_LEGAL_PERSON,	  D_DIRECTION_NONE,    D_DIRECTION_MULTIPLE,
				   D_TEXT_TOO_LONG,	  D_FIELD_MISSING,     D_FORM_UNREADABLE,
				   D_SUMMARY_ONLY,	  D_FORM_ONLY,	       D_SUMMARY_MISMATCH};
	static const int fact[] = {D_CREDIT_CODE_INVALID, D_ORG_CODE_MISMATCH, D_NOT_JIANGSU,
				   D_NOT_LEGAL_PERSON,	  D_TEXT_TOO_LONG,     D_FIELD_MISSING,
				   D_FORM_UNREADABLE,	  D_SUMMARY_ONLY,      D_FORM_ONLY,
				   D_COST_ITEMS_MISMATCH, D_ATTACHMENT_MISSING};
	const int *list = type == APP_PLATFORM ? plat : fact;
	size_t n = type == APP_PLATFORM ? ARRAY_SIZE(plat) : ARRAY_SIZE(fact);
	unsigned set = 0;

	if (!rng_chance(r, pct))
		return 0;
	int count = rng_chance(r, 80) ? 1 : 2;
	for (int tries = 0; count && tries < 20; tries++) {
		int d = list[rng_below(r, n)];
		unsigned s = set | (1u << d);
		/* Combinations that cannot both show, or that hide one another. */
		if (has(s, D_FORM_UNREADABLE) + has(s, D_SUMMARY_ONLY) > 1 ||
		    ((has(s, D_FORM_UNREADABLE) || has(s, D_SUMMARY_ONLY)) && s != (1u << d) &&
		     set) ||
		    has(s, D_CREDIT_CODE_INVALID) + has(s, D_NOT_JIANGSU) +
			    has(s, D_NOT_LEGAL_PERSON) >
			1 ||
		    has(s, D_DIRECTION_NONE) + has(s, D_DIRECTION_MULTIPLE) +
			    has(s, D_SUMMARY_MISMATCH) + has(s, D_FORM_ONLY) >
			1 ||
		    (has(s, D_FORM_ONLY) && has(s, D_SUMMARY_ONLY)) || s == set)
			continue;
		set = s;
		count--;
	}
	return set;
}

/*
 * Is f a figure or box of a section the platform form marks （必填） for this
 * applicant?  Not a many_of group: ticking none of its boxes answers "none of
 * these" (normalize/required.h).
 */
static int in_required_section(const struct app *a, const struct field *f)
{
	static const char prefix[] = "附件1 二(三)";
	static const char *const types[] = {"integer", "count_pair", "amount",
					    "percent", "yesno",	     "one_of"};
	const char *sec = f->section, *dv = app_get(a, "direction");
	int tick = -1, typed = 0;

	if (strncmp(sec, prefix, strlen(prefix)))
		return 0;
	sec += strlen(prefix);
	for (size_t i = 0; i < ARRAY_SIZE(types); i++)
		typed |= !strcmp(f->type, types[i]);
	if (!typed)
		return 0;
	for (int k = DIR_CROSS; dv && k <= DIR_ENTERPRISE; k++)
		if (!strcmp(dv, dir_names[k]))
			tick = k;
	/* asked only when the line before is answered 是 */
	if (!strcmp(f->key, "edge_apps")) {
		const char *e = app_get(a, "edge_apps_enabled");
		return e && !strcmp(e, "是");
	}
	if (!strcmp(f->key, "id_node_scope")) {
		const char *e = app_get(a, "id_node");
		return e && !strcmp(e, "是");
	}
	/* 2.3（企业、双跨类企业不填）, 3.双跨服务能力（双跨类申报必填） */
	if (!strncmp(sec, "2.3", 3))
		return tick == DIR_INDUSTRY;
	if (sec[0] == '3')
		return tick == DIR_CROSS;
	return sec[0] == '1' || sec[0] == '2' || sec[0] == '4';
}

void app_generate(struct app *a, uint64_t seed, int unit, int index, int defect_pct, int habits)
{
	struct rng r, hr;
	struct strbuf sb = STRBUF_INIT;
	unsigned inject;
	int variant;

	memset(a, 0, sizeof(*a));
	rng_fork(&r, seed, (uint64_t)unit + 1, (uint64_t)index + 1);
	a->unit = unit;
	a->index = index;
	a->seed = rng_next(&r);
	a->type = rng_chance(&r, 60) ? APP_PLATFORM : APP_FACTORY;
	a->form_format = FORM_DOCX;
	a->listed = 1;
	a->habits = habits;
	/* The habits draw from their own stream: without them the batch is as before. */
	rng_fork(&hr, seed, (uint64_t)unit + 1, ((uint64_t)index + 1) | (1ull << 40));
	strbuf_init(&a->gates_passed, 0);
	strbuf_init(&a->gates_failed, 0);
	strbuf_init(&a->tags, 0);
	inject = pick_defects(&r, a->type, defect_pct);
	long vr = rng_range(&r, 0, 99);
	variant = vr < 50 ? V_ABOVE : vr < 70 ? V_EXACT : V_FAIL;

	/* Who applies. */
	char zihao[16];
	snprintf(zihao, sizeof(zihao), "%s%s", RNG_PICK(&r, zh1), RNG_PICK(&r, zh2));
	app_set(a, "s.zihao", zihao);
	strbuf_addf(&sb, "%s%s%s%s", rng_chance(&r, 45) ? "江苏" : unit_short[unit], zihao,
		    RNG_PICK(&r, trades),
		    rng_chance(&r, 70)	 ? "有限公司"
		    : rng_chance(&r, 70) ? "股份有限公司"
					 : "集团有限公司");
	if (has(inject, D_NOT_LEGAL_PERSON) && rng_chance(&r, 50)) {
		strbuf_addf(&sb, "%s分公司", unit_short[unit]);
		inject |= 1u << 31; /* the 分公司 form of the defect: the code stays 91 */
	}
	app_set(a, "enterprise", sb.buf);
	app_set(a, "applicant", sb.buf);
	app_set(a, "cc_enterprise", sb.buf);

	const struct district *dist = &districts[unit][0];
	size_t nd = 0;
	while (nd < 12 && districts[unit][nd].code)
		nd++;
	dist = &districts[unit][rng_below(&r, nd)];
	const char *region = rng_chance(&r, 5) ? "320000" : dist->code;
	if (has(inject, D_NOT_JIANGSU)) {
		static const char *const other[] = {"310115", "110108", "330106",
						    "340104", "370202", "440305"};
		region = RNG_PICK(&r, other);
	}
	credit_code(a, &r, region, has(inject, D_NOT_LEGAL_PERSON) && !(inject >> 31) ? "92" : "91",
		    has(inject, D_CREDIT_CODE_INVALID));
	inject &= ~(1u << 31);
	if (has(inject, D_ORG_CODE_MISMATCH)) {
		/* Another valid organization code: a typo from another enterprise's papers. */
		char org[10];
		snprintf(org, sizeof(org), "%s", app_get(a, "org_code"));
		org[2] = (char)('0' + (org[2] - '0' + 1 + (int)rng_below(&r, 8)) % 10);
		if (org[2] < '0' || org[2] > '9')
			org[2] = '5';
		org[8] = org_check_char(org);
		app_set(a, "org_code", org);
	}

	strbuf_reset(&sb);
	strbuf_addf(&sb, "%s%s", unit_city[unit], unit < 13 ? dist->name : unit_names[unit]);
	app_set(a, "location", sb.buf);
	app_set(a, "region", sb.buf);
	strbuf_addf(&sb, "%s%ld号", RNG_PICK(&r, roads), rng_range(&r, 1, 999));
	app_set(a, "address", sb.buf);
	set_person(a, &r, "legal_rep");
	set_person(a, &r, "contact_name");
	app_set(a, "responsible", app_get(a, "contact_name"));
	app_set(a, "contact_title", RNG_PICK(&r, titles));
	set_mobile(a, &r, "contact_mobile");
	set_phone(a, &r, "contact_phone");
	app_set(a, "responsible_phone",
		rng_chance(&r, 50) ? app_get(a, "contact_phone") : app_get(a, "contact_mobile"));
	if (a->type == APP_PLATFORM && rng_chance(&r, 60))
		set_phone(a, &r, "contact_fax");
	strbuf_reset(&sb);
	random_letters(&r, &sb, (int)rng_range(&r, 4, 9));
	if (rng_chance(&r, 40))
		strbuf_addf(&sb, "%ld@%s", rng_range(&r, 1, 999),
			    rng_chance(&r, 50) ? "163.com" : "qq.com");
	else {
		strbuf_addch(&sb, '@');
		random_letters(&r, &sb, (int)rng_range(&r, 4, 8));
		strbuf_addstr(&sb, rng_chance(&r, 60) ? ".com" : ".com.cn");
	}
	app_set(a, "contact_email", sb.buf);
	app_set(a, "recommender", unit_bureaus[unit]);
	app_set(a, "basis", "苏工信融合〔2019〕605号");
	set_date(a, "founded", (int)rng_range(&r, 1993, 2016), (int)rng_range(&r, 1, 12),
		 (int)rng_range(&r, 1, 28));
	int day = (int)rng_range(&r, 1, 15);
	set_date(a, "apply_date", 2019, 11, day);
	set_date(a, "commit_date", 2019, 11, day);
	if (a->type == APP_PLATFORM) {
		set_amount(a, "total_assets", rng_range(&r, 500000, 90000000));
		seti(a, "debt_ratio", rng_range(&r, 15, 75));
		static const char *const ratings[] = {"AAA", "AA+", "AA", "A", "BBB"};
		app_set(a, "credit_rating", RNG_PICK(&r, ratings));
		set_amount(a, "last_sales", rng_range(&r, 300000, 50000000));
		set_amount(a, "last_tax", rng_range(&r, 10000, 2000000));
		set_amount(a, "last_profit", rng_range(&r, 10000, 5000000));
	}

	/* What it declares. */
	if (a->type == APP_PLATFORM) {
		long dr = rng_range(&r, 0, 99);
		int tick = dr < 22 ? DIR_CROSS : dr < 55 ? DIR_INDUSTRY : DIR_ENTERPRISE;
		a->table_dir = tick;
		if (rng_chance(&r, 15) && !has(inject, D_SUMMARY_MISMATCH))
			a->table_dir = DIR_CULTIVATE;
		if (has(inject, D_SUMMARY_MISMATCH))
			a->table_dir = (tick + 1 + (int)rng_below(&r, 2)) % 3;
		a->declared = tick;
		a->tick = tick;
		app_set(a, "direction", dir_names[tick]);
		gen_platform(a, &r, variant);
		if (has(inject, D_DIRECTION_NONE)) {
			app_unset(a, "direction");
		} else if (has(inject, D_DIRECTION_MULTIPLE)) {
			int other = (tick + 1 + (int)rng_below(&r, 2)) % 3;
			int lo = tick < other ? tick : other, hi = tick < other ? other : tick;
			setf(a, "direction", "%s,%s", dir_names[lo], dir_names[hi]);
		}
		if (habits) {
			/* No box or two: whichever section the form asks for is answered. */
			int single =
			    !has(inject, D_DIRECTION_NONE) && !has(inject, D_DIRECTION_MULTIPLE);
			if (!single || tick == DIR_INDUSTRY)
				fill_23(a, &hr);
			if (!single || tick == DIR_CROSS)
				fill_3(a, &hr);
			long m = rng_range(&hr, 0, 99);
			a->answer_mode = m < 10	  ? ANS_BESIDE
					 : m < 18 ? ANS_NEXT_PARA
					 : m < 26 ? ANS_PAIR
						  : ANS_BLANKS;
			if (a->answer_mode != ANS_BLANKS)
				app_tag(a, "answers=%s",
					a->answer_mode == ANS_BESIDE	  ? "beside"
					: a->answer_mode == ANS_NEXT_PARA ? "next_paragraph"
									  : "pair");
			const char *bt = app_get(a, "build_time");
			if (bt && !strchr(bt, '/'))
				app_tag(a, "open_cell=build_time");
		}
	} else {
		a->table_dir = DIR_FACTORY;
		a->declared = DIR_FACTORY;
		gen_factory(a, &r, variant);
	}

	/* Summary row (附件5): what the unit wrote about it. */
	if (a->type == APP_PLATFORM)
		app_set(a, "s.direction", dir_names[a->table_dir]);
	else
		app_set(a, "s.industry_type", app_get(a, "industry_type"));
	app_set(a, "s.enterprise", app_get(a, "enterprise"));
	app_set(a, "s.project_name",
		app_get(a, a->type == APP_PLATFORM ? "platform_name" : "project_name"));
	app_set(a, "s.contact_name", app_get(a, "contact_name"));
	app_set(a, "s.contact_mobile", app_get(a, "contact_mobile"));
	app_set(a, "s.location", app_get(a, "location"));
	app_set(a, "s.cluster", rng_chance(&r, 40) ? RNG_PICK(&r, clusters) : "否");

	/* Attachments. */
	a->attach = (1u << AT_LICENSE) | (1u << AT_AUDIT) | (1u << AT_COMMITMENT);
	if (a->type == APP_PLATFORM) {
		a->attach |= 1u << AT_CONTRACT;
	} else {
		long p = rng_range(&r, 0, 99);
		a->attach |= p < 60   ? (1u << AT_INVOICES) | (1u << AT_SPECIAL_AUDIT)
			     : p < 80 ? (1u << AT_INVOICES)
				      : (1u << AT_SPECIAL_AUDIT);
		if (has(inject, D_ATTACHMENT_MISSING))
			a->attach &= ~((1u << AT_INVOICES) | (1u << AT_SPECIAL_AUDIT));
	}
	/* Other attachments go missing now and then; no defect, the truth lists them. */
	for (int k = 0; k < AT_COUNT; k++)
		if (k != AT_INVOICES && k != AT_SPECIAL_AUDIT && rng_chance(&r, 6))
			a->attach &= ~(1u << k);

	/* Injected defects that change values. */
	if (has(inject, D_TEXT_TOO_LONG)) {
		const char *k = a->type == APP_PLATFORM
				    ? (rng_chance(&r, 50) ? "intro" : "architecture")
				    : "project_desc";
		size_t lim = (size_t)field_find(a->type, k)->max_chars;
		set_prose(a, &r, k, lim + 60, lim + 400);
	}
	if (has(inject, D_FIELD_MISSING)) {
		static const char *const pk[] = {"legal_rep",	 "address", "founded",
						 "contact_name", "intro",   "cases"};
		static const char *const fk[] = {"legal_rep", "address",      "founded",
						 "region",    "project_desc", "build_content"};
		const char *k = a->type == APP_PLATFORM ? RNG_PICK(&r, pk) : RNG_PICK(&r, fk);
		app_unset(a, k);
	}
	if (habits && a->type == APP_PLATFORM && a->answer_mode == ANS_BLANKS &&
	    rng_chance(&hr, defect_pct / 3)) {
		/* One figure of a （必填） section left blank (habit e): FIELD_MISSING, its gates
		 * unknown. Not a figure with an alternative (devices/datapoints: "unknown or
		 * met" is read both ways). */
		static const char *const figs[] = {"managed_kinds",
						   "managed",
						   "apps",
						   "models",
						   "cloud_sw",
						   "sub_ents",
						   "sub_users",
						   "kit_devs",
						   "tool_calls",
						   "dev_tools",
						   "third_party_devs",
						   "staff",
						   "protocols",
						   "data_kinds",
						   "db_kinds",
						   "invest_2018",
						   "revenue_2019",
						   "graphical",
						   "microservice_calls",
						   "languages"};
		static const char *const cross_figs[] = {"industries", "domains",
							 "per_domain_apps"};
		const char *k;
		if (a->tick == DIR_CROSS && !has(inject, D_DIRECTION_NONE) &&
		    !has(inject, D_DIRECTION_MULTIPLE) && rng_chance(&hr, 30))
			k = RNG_PICK(&hr, cross_figs);
		else
			k = RNG_PICK(&hr, figs);
		app_unset(a, k);
		app_tag(a, "blank_figure=%s", k);
	}
	if (has(inject, D_COST_ITEMS_MISMATCH)) {
		int known = 1;
		long c = get_cents(a, "cost_salary", &known);
		set_amount(a, "cost_salary", c + rng_range(&r, 100, 30000));
	}
	if (has(inject, D_FORM_UNREADABLE))
		a->form_format = FORM_DOC;
	if (has(inject, D_SUMMARY_ONLY))
		a->form_format = FORM_NONE;
	if (has(inject, D_FORM_ONLY))
		a->listed = 0;
	a->cluster = xstrdup(app_get(a, "s.cluster"));

	/* ---- the verdict, from the values as written ---- */
	unsigned d = 0;
	int basic_missing = 0; /* a required field of the catalogue: fails 形式审查 */
	if (a->form_format == FORM_DOCX) {
		const char *cc = app_get(a, "credit_code");
		const char *org = app_get(a, "org_code");
		const char *name = app_get(a, "enterprise");
		if (!credit_code_valid(cc))
			d |= 1u << D_CREDIT_CODE_INVALID;
		else if (strncmp(cc + 2, "32", 2))
			d |= 1u << D_NOT_JIANGSU;
		if (strncmp(cc, "91", 2) ||
		    (strlen(name) > strlen("分公司") &&
		     !strcmp(name + strlen(name) - strlen("分公司"), "分公司")))
			d |= 1u << D_NOT_LEGAL_PERSON;
		if (strncmp(org, cc + 8, 9))
			d |= 1u << D_ORG_CODE_MISMATCH;
		const struct field *f = a->type == APP_PLATFORM ? platform_fields : factory_fields;
		size_t nf = a->type == APP_PLATFORM ? n_platform_fields : n_factory_fields;
		for (size_t i = 0; i < nf; i++) {
			const char *v = app_get(a, f[i].key);
			if (f[i].required && !v && strcmp(f[i].key, "direction")) {
				d |= 1u << D_FIELD_MISSING;
				basic_missing = 1;
			}
			/* a blank figure of a （必填） section: asked for, not a basic failure */
			if (a->type == APP_PLATFORM && !v && in_required_section(a, &f[i]))
				d |= 1u << D_FIELD_MISSING;
			if (v && f[i].max_chars && prose_chars(v) > (size_t)f[i].max_chars)
				d |= 1u << D_TEXT_TOO_LONG;
		}
		if (a->type == APP_PLATFORM) {
			const char *dv = app_get(a, "direction");
			if (!dv)
				d |= 1u << D_DIRECTION_NONE;
			else if (strchr(dv, ','))
				d |= 1u << D_DIRECTION_MULTIPLE;
			else if (a->listed && a->table_dir != DIR_CULTIVATE &&
				 strcmp(dv, dir_names[a->table_dir]))
				d |= 1u << D_SUMMARY_MISMATCH;
		} else {
			int known = 1;
			long sum = get_cents(a, "cost_dev", &known) +
				   get_cents(a, "cost_equipment", &known) +
				   get_cents(a, "cost_test", &known) +
				   get_cents(a, "cost_salary", &known);
			long tot = get_cents(a, "total_invest", &known);
			if (!known || labs(sum - tot) > 50)
				d |= 1u << D_COST_ITEMS_MISMATCH;
		}
		if (!a->listed)
			d |= 1u << D_FORM_ONLY;
	} else {
		d |= 1u << (a->form_format == FORM_DOC ? D_FORM_UNREADABLE : D_SUMMARY_ONLY);
	}
	if (a->type == APP_FACTORY && a->form_format != FORM_NONE &&
	    !(a->attach & ((1u << AT_INVOICES) | (1u << AT_SPECIAL_AUDIT))))
		d |= 1u << D_ATTACHMENT_MISSING;
	a->defects = d;
	if (habits && (d & (1u << D_CREDIT_CODE_INVALID)))
		app_tag(a, "credit_code_as_written");

	a->basic_ok = !(d & ((1u << D_CREDIT_CODE_INVALID) | (1u << D_NOT_JIANGSU) |
			     (1u << D_NOT_LEGAL_PERSON) | (1u << D_FORM_UNREADABLE) |
			     (1u << D_SUMMARY_ONLY))) &&
		      !basic_missing;
	if (a->form_format != FORM_DOCX) {
		/* Nothing readable: the declared values are not known to the pipeline,
		 * nor are the habits of its filling. */
		strbuf_reset(&a->tags);
		for (size_t i = a->nkv; i-- > 0;)
			if (strncmp(a->kv[i].key, "s.", 2))
				app_unset(a, a->kv[i].key);
	}

	if (a->type == APP_PLATFORM) {
		const char *dv = app_get(a, "direction");
		/* issue 5 §5; a form not listed keeps its ticked box (a->declared) */
		if (a->listed && a->table_dir == DIR_CULTIVATE)
			a->declared = DIR_CULTIVATE;
		else if (a->listed && (!dv || strchr(dv, ',') || a->form_format != FORM_DOCX))
			a->declared = a->table_dir;
		int pass[3];
		for (int k = DIR_CROSS; k <= DIR_ENTERPRISE; k++)
			pass[k] = direction_passes(a, k, 1);
		a->gates_ok = a->declared == DIR_CULTIVATE ? 1 : pass[a->declared];
		if (!a->basic_ok)
			a->expected = DIR_REJECT;
		else if (a->declared == DIR_CULTIVATE)
			a->expected = DIR_CULTIVATE;
		else {
			a->expected = DIR_CULTIVATE;
			for (int k = a->declared; k <= DIR_ENTERPRISE; k++)
				if (pass[k]) {
					a->expected = k;
					break;
				}
		}
	} else {
		int known = 1, ok;
		const char *pp = app_get(a, "project_period");
		int y1 = 0, m1 = 0, y2 = 9999, m2 = 12;
		if (pp)
			sscanf(pp, "%d-%d/%d-%d", &y1, &m1, &y2, &m2);
		struct {
			const char *id;
			int ok;
		} fg[8];
		fg[0].id = "factory.completed";
		fg[0].ok = pp && (y2 < 2019 || (y2 == 2019 && m2 <= 9));
		fg[7].id = "factory.started";
		fg[7].ok = pp && y1 >= 2017;
		fg[1].id = "factory.invest";
		fg[1].ok = get_cents(a, "total_invest", &known) >= 200000 && known;
		fg[2].id = "factory.cost_items";
		fg[2].ok = known && !(d & (1u << D_COST_ITEMS_MISMATCH));
		fg[3].id = "factory.proof";
		/* The proof is the attachment itself: readable whatever the form is. */
		fg[3].ok = !!(a->attach & ((1u << AT_INVOICES) | (1u << AT_SPECIAL_AUDIT)));
		fg[4].id = "factory.opt_site";
		fg[4].ok = !!app_get(a, "opt_site");
		fg[5].id = "factory.opt_mgmt";
		fg[5].ok = !!app_get(a, "opt_mgmt");
		fg[6].id = "factory.opt_biz";
		fg[6].ok = !!app_get(a, "opt_biz");
		ok = 1;
		for (int k = 0; k < 8; k++) {
			struct strbuf *t = fg[k].ok ? &a->gates_passed : &a->gates_failed;
			strbuf_addf(t, "%s%s", t->len ? ";" : "", fg[k].id);
			ok &= fg[k].ok;
		}
		a->gates_ok = ok;
		a->expected = a->basic_ok && ok ? DIR_FACTORY : DIR_REJECT;
	}
	strbuf_release(&sb);
}

/* Is key one of the prose sections (reported by length, not by value)? */
int field_is_prose(const char *key)
{
	static const char *const prose_keys[] = {"intro",
						 "effect",
						 "cases",
						 "regional",
						 "architecture",
						 "plan",
						 "project_desc",
						 "company_profile",
						 "tech_level",
						 "industry_advantage",
						 "factory_overview",
						 "build_content",
						 "innovations",
						 "direct_effects",
						 "market_analysis",
						 "industry_impact",
						 "invest_detail",
						 "organization"};
	for (size_t i = 0; i < ARRAY_SIZE(prose_keys); i++)
		if (!strcmp(prose_keys[i], key))
			return 1;
	return 0;
}

size_t field_text_length(const char *v)
{
	return prose_chars(v);
}
