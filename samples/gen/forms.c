/*
 * forms.c - 附件1, 附件2 and 附件5 as the notice lays them out, in the markup of docx.c.
 *
 * The wording, boxes and blanks follow the notice text line by line; the
 * "·" bullets of 附件2 are rendered as □ boxes (that is how they are ticked).
 */
#include "samples/gen/gen.h"

#include <string.h>

#define W 9412 /* text width of an A4 page with our margins, in twips */

static void blank_lines(struct doc *d, int n)
{
	for (int i = 0; i < n; i++)
		doc_para(d, "", 0);
}

/* A one-column table: one row per markup string. */
static void box_table(struct doc *d, const char *const *rows, size_t n)
{
	static const int one[] = {W};
	doc_tbl_begin(d, 1, one);
	for (size_t i = 0; i < n; i++) {
		doc_tr_begin(d);
		/* Rows that are only a heading ("1.平台基础建设能力（必填）") are bold. */
		doc_tc(d, 1, 0, rows[i], strchr(rows[i], '\n') ? 0 : P_BOLD);
		doc_tr_end(d);
	}
	doc_tbl_end(d);
}

static void label_value(struct doc *d, const char *label, const char *value)
{
	doc_tr_begin(d);
	doc_tc(d, 1, 0, label, 0);
	doc_tc(d, 1, 0, value, 0);
	doc_tr_end(d);
}

static void commitment(struct doc *d, int pagebreak)
{
	static const int cols[] = {1700, 3000, 1700, 3012};

	doc_para(d, "江苏省工业互联网发展示范企业申报\n信用承诺书",
		 P_CENTER | P_BOLD | P_BIG | (pagebreak ? P_PAGEBREAK : 0));
	doc_tbl_begin(d, 4, cols);
	doc_tr_begin(d);
	doc_tc(d, 1, 0, "企业名称\n（加盖公章）", 0);
	doc_tc(d, 1, 0, "{=cc_enterprise}", 0);
	doc_tc(d, 1, 0, "统一社会信用\n代码", 0);
	doc_tc(d, 1, 0, "{=credit_code}", 0);
	doc_tr_end(d);
	doc_tr_begin(d);
	doc_tc(d, 1, 0, "企业所在地", 0);
	doc_tc(d, 1, 0, "{=location}", 0);
	doc_tc(d, 1, 0, "申报依据", 0);
	doc_tc(d, 1, 0, "{=basis}", 0);
	doc_tr_end(d);
	doc_tr_begin(d);
	doc_tc(d, 1, 0, "申报责任人", 0);
	doc_tc(d, 1, 0, "{=responsible}", 0);
	doc_tc(d, 1, 0, "联系电话", 0);
	doc_tc(d, 1, 0, "{=responsible_phone}", 0);
	doc_tr_end(d);
	doc_tr_begin(d);
	doc_tc(
	    d, 4, 0,
	    "申报单位承诺:\n\n"
	    "1.本单位自 2017 年 1 月 1 日至 2019 年 10 月 31 日期间信用状况良好，无严重失信行为。\n"
	    "2.申报的所有材料均依据相关申报要求,据实提供。\n"
	    "3.切实履行相关承诺职责，如违背以上承诺，将承担相关责任，同意有关主管部门将相关失信"
	    "信息记入公共信用信息系统。对于严重失信信息，同意在相关政府门户网站向社会公开。\n\n"
	    "申报责任人（签名）\n\n法定代表人（签名）\n\n日期：{=commit_date}",
	    0);
	doc_tr_end(d);
	doc_tbl_end(d);
}

static void cover(struct doc *d, const char *title, const char *second_label,
		  const char *second_value)
{
	static const int cols[] = {2600, 5000};

	blank_lines(d, 4);
	doc_para(d, title, P_TITLE);
	blank_lines(d, 4);
	doc_tbl_begin(d, 2, cols);
	label_value(d, "申报单位（盖章）：", "{=applicant}");
	label_value(d, second_label, second_value);
	label_value(d, "法人代表：", "{=legal_rep}");
	label_value(d, "推荐单位（盖章）：", "{=recommender}");
	label_value(d, "申报日期：", "{=apply_date|2019年  月  日}");
	doc_tbl_end(d);
	blank_lines(d, 6);
	doc_para(d, "江苏省工业和信息化厅编制", P_CENTER | P_BIG);
}

static const char *const plat_ops[] = {
    "1.企业产业基础",
    "□企业是否在近三年连续保持盈利：[yn:profitable_3y]\n"
    "□营业收入位列江苏省同行业{revenue_rank_pct}%，是否为前十强：[yn:top10]\n"
    "□企业是否有明确的企业发展战略：[yn:has_strategy]（可选项）\n"
    "□企业研发创新费用是否能占到总体收入{rd_ratio}%",
};

static const char *const plat_caps[] = {
    "1.平台基础建设能力（必填）",
    "1.1边缘接入能力\n"
    "□是否部署工业网络：[yn:has_industrial_net]\n"
    "□工业网络是否可实现现场级、车间级、工厂级网络的互联互通：[yn:net_interconnect]\n"
    "□兼容{protocols}类工业通信协议，{networks}类工业通信网络和通用网络协议\n"
    "（将兼容的协议或网络名称作为统计标准）\n"
    "□可采集工业数据种类：{data_kinds}类\n"
    "（生产装备、装置、传感器、控制系统和工业产品等各类工业数据，将设备型号作为设备类型的统计标准）"
    "\n"
    "□边缘层是否具备数据预处理能力：[yn:edge_preprocess]\n"
    "□边缘层是否具备能加载边缘应用：[yn:edge_apps_enabled]，如是，则能加载{edge_apps}类边缘应用"
    "（简要说明边缘应用可提供的技术能力 ）\n"
    "□适配主流{control_systems}类工业控制系统\n"
    "（将适配的工控系统名称作为统计标准，简要说明工控系统可提供哪些设备管理操作，如参数配置、功能设"
    "定、"
    "维护管理等）",
    "1.2基础设施服务能力\n"
    "□是否具备稳定可靠的数据存储与计算基础设施：[yn:storage_infra]\n"
    "□是否具有完整的云计算架构：[yn:cloud_arch]\n"
    "（如有提供具体的云计算架构图及可佐证的具备完整架构的技术方案和应用场景案例）\n"
    "□具有：[o:cloud_types:公有云]公有云 、[o:cloud_types:私有云]私有云、[o:cloud_types:混合云]"
    "混合云、[o:cloud_types:其他]其他______架构\n"
    "□云架构是否能开放共享：[yn:cloud_open]\n"
    "□提供的数据库类型：{db_kinds}类\n"
    "（说明部署的系统可提供何种能力，如计算、存储、服务、扩容等）\n"
    "□是否能对计算、存储、网络资源状态进行管控：[yn:resource_mgmt]\n"
    "（如能请简要提供应用场景的实际案例）\n"
    "□是否对异常状态进行故障告警：[yn:fault_alarm]\n"
    "（如能请简要提供故障警告的实际案例）",
    "1.3 PaaS平台管理能力\n"
    "□是否能集成设计、生产、管理、运维等各环节数据：[yn:data_integration]\n"
    "□应用运行环境采用{runtime_arch}架构技术，可具备{runtime_caps}类能力\n"
    "（请对提供的能力进行简要描述，如资源调度分配能力）\n"
    "□具备{user_mgmt_kinds}类用户管理功能，并对各类功能进行简要描述\n"
    "□是否具备对多类软件系统数据的云端集成：[yn:cloud_integration]\n"
    "（将软件系统类型作为统计标准）\n"
    "□目前平台积累的工业数据量：{data_volume}（YB/ZB/EB/PB/TB/GB）\n"
    "□数据存储和处理功能类型：{data_func_kinds}类\n"
    "（存储、编目、索引、元数据管理和质量评估等，提供简要能力佐证材料）\n"
    "□数据实时处理能力（或理论计算峰值）：{realtime_gbps}GB/s\n"
    "□最大并发访问数量：{max_concurrency}个/s\n"
    "□资源请求响应时间：{response_ms}单个请求/ms\n"
    "□网络带宽：{bandwidth}MB/s\n"
    "□开发语言数量：{languages}类\n"
    "（Java、Ruby、PHP等，将开发语言名称作为统计标准）\n"
    "□开发工具数量：{paas_dev_tools}个\n"
    "（建模、仿真分析、可视化展示、知识管理工具等，提供佐证材料）\n"
    "□开发工具月平均调用次数：{paas_tool_calls}次\n"
    "□通用算法模型数量：{general_algorithms}个\n"
    "（简要说明每类通用算法可实现的能力，如关联分析、文本分析等）\n"
    "□通用算法模型月平均调用次数：{general_algorithm_calls}次\n"
    "□支持跨平台调用的行业机理模型：{xp_models_kinds}类，{xp_models}个\n"
    "□支持跨平台调用的工业微服务：{xp_microservices_kinds}类，{xp_microservices}个\n"
    "□支持跨平台调用的工业APP：{xp_apps_kinds}类，{xp_apps}个\n"
    "□对IaaS的兼容管理组件：{iaas_components_kinds}类，{iaas_components}个\n"
    "补充说明和分类详细介绍（具体的数据库类型、数据存储功能、数据计算功能，开发工具、开发语言、"
    "通用算法模型，具体可跨平台调用的机理模型、工业微服务、工业APP以及IaaS兼容管理组件，其它）\n\n",
    "1.4应用服务能力\n"
    "□是否能对工业数据进行处理和建模分析：[yn:data_modeling]\n"
    "□面向企业设计、生产、管理和服务等核心环节是否拥有较为完备的工业软件服务：[yn:full_software]\n"
    "□是否提供工业软件集成适配接口：[yn:sw_interface]\n"
    "□是否提供成熟工业软件的云化：[yn:sw_cloudify]\n"
    "□是否提供多类机理模型：[yn:multi_models]\n"
    "□提供{microservice_kinds}类工业微服务组件\n"
    "（简要说明每类工业微服务组件可服务的生产环节，如设计、仿真、管理等，并以案例佐证 ）\n"
    "□是否多个工业APP：[yn:multi_apps]\n"
    "□是否建有应用市场：[yn:app_market]\n"
    "□是否建有开发者社区：[yn:dev_community]\n"
    "□是否建有开源社区：[yn:oss_community]\n"
    "□具备：[o:mgmt_functions:开发]开发、[o:mgmt_functions:部署]部署、[o:mgmt_functions:交易]交易、"
    "[o:mgmt_functions:交付]交付、[o:mgmt_functions:评测]评测、[o:mgmt_functions:安全认证]"
    "安全认证、"
    "[o:mgmt_functions:其他]其他_____管理功能\n"
    "□应用：[o:new_tech:人工智能]人工智能、[o:new_tech:区块链]区块链、[o:new_tech:VR/AR/MR]VR/AR/"
    "MR、"
    "[o:new_tech:其他]其他_____新技术\n"
    "□基于新技术的业务功能数量：{new_tech_functions}个\n"
    "（按功能的应用场景划分）\n"
    "补充说明和分类详细介绍(介绍平台新技术的应用情况，其它)\n\n"
    "□是否规划和推进工业互联网标识解析二级节点建设：[yn:id_node]\n"
    "（二级节点服务领域：[o:id_node_scope:综合性]综合性[o:id_node_scope:行业性]行业性；"
    "建设期限：{id_node_period|20_ _年--20_ _年}）",
    "1.5平台安全防护能力\n"
    "□安全防护的功能模块及组件：{sec_modules_kinds}类，{sec_modules}个\n"
    "□平台安全防护工具库、病毒库、漏洞库：{sec_libs_kinds}类，{sec_libs}个\n"
    "□是否有安全防护的保障机制：[yn:sec_mechanism]\n"
    "□关键零部件是否安全可靠：[yn:parts_secure]\n"
    "（简要提供佐证材料）\n"
    "补充说明和分类详细介绍(介绍平台安全防护技术、功能模块或组件，以及安全防护机制，其它)\n",
    "2.平台服务能力（必填）",
    "2.1设备接入能力\n"
    "□可连接的工业设备种类：{device_kinds}类 {devices}个\n"
    "（包括设备、装置、产品等各类终端，将设备型号作为设备类型的统计标准，工业设备需可连接开关量或可"
    "连接运行参数）\n"
    "□设备数据采集点总数：{datapoints}个\n"
    "□可管理的工业设备：{managed_kinds}类，合计{managed}台\n"
    "□是否具备工业设备数据边缘计算功能：[yn:edge_computing]\n"
    "□其他：___________\n"
    "补充说明和分类详细介绍（具体接入及管理的设备类型、运行参数、边缘计算功能，以及面向的工业场景）"
    "：\n\n",
    "2.2行业软件部署能力\n"
    "□云化工业软件数量：{cloud_sw_kinds}类，{cloud_sw}个\n"
    "【软件类型：运营管理类（ERP、SCM、CRM等）、研发设计类（CAD、CAE、CAM等）、生产管理类（MES、"
    "APS等）、其它】\n"
    "□工业APP数量：{app_kinds}类，{apps}个\n"
    "（基于平台资源自主研发或由第三方研发的封装了工业知识、方法和技术的应用软件，如建模仿真优化、工"
    "艺"
    "和质量优化、供应链协同优化、远程故障诊断等，提供名称并简要说明工业APP功能）\n"
    "□工业软件和APP订阅企业数量：{sub_ent_kinds}类，{sub_ents}个\n"
    "□工业软件和APP订阅用户数量：{sub_user_kinds}类，{sub_users}个\n"
    "补充说明和分类详细介绍（具体应用服务类型、订阅类型；其它）\n\n"
    "□工业机理模型:{models_kinds}类，{models}个\n"
    "（融合了工业行业知识和数据科学的模型，简要说明每类机理模型可满足何种工业行业的何种应用场景）\n"
    "□数据分析算法:{algorithms}个\n"
    "□微服务组件数量：{microservices_kinds}类，{microservices}个\n"
    "（面向的工业场景类型）（微服务：封装了工业知识和算法，并且可以供开发者灵活调用的功能模块）\n"
    "□行业机理模型月平均调用次数：{model_calls}次\n"
    "□数据分析算法平均调用次数：{algorithm_calls}次\n"
    "□微服务组件月平均调用次数：{microservice_calls}次\n"
    "补充说明和分类详细介绍(具体的工业机理模型、微服务组件类型；其它)\n",
    "2.3行业用户覆盖能力（企业、双跨类企业不填）\n"
    "□平台用户总数：{users_total}个\n"
    "（平台注册用户数）\n"
    "□平台活跃用户数：{users_active}个\n"
    "（在线时长不少月10小时/月或登录不少于5次）\n"
    "□平台服务的企业用户数：{users_enterprises}个\n"
    "（需提供服务合同）\n"
    "补充说明和分类详细介绍（用户具体使用的资源信息、研发工具、业务系统、设备/"
    "产品运维、制造能力的类型，"
    "其它）：\n",
    "2.4应用开发支持能力\n"
    "□平台提供开发工具数量：{dev_tools}个\n"
    "□开发者连接总数量：{developers}个\n"
    "□第三方开发者连接数量：{third_party_devs}个\n"
    "□调用开发工具包开发者数量： {kit_devs}个\n"
    "□开发工具每月调用次数： {tool_calls}次\n"
    "□调用算法模型的开发者数量： {algo_devs}个\n"
    "□调用微服务组件开发者数量： {microservice_devs}个\n"
    "□是否具备图形化开发能力：[yn:graphical]\n\n"
    "补充说明和分类详细介绍（每类开发者具体调用了什么工具包、算法模型和微服务；如有调用其它类型服务"
    "的"
    "开发者，其它）：\n",
    "3.双跨服务能力（双跨类申报必填）",
    "3.1跨行业能力\n"
    "□平台覆盖的特定行业数：{industries}个\n"
    "（说明每个行业连接设备台数达{per_industry_devices}台，或有{per_industry_points}"
    "个数据采集地点）\n"
    "□工业模型可覆盖行业数：{model_industries}个\n"
    "（说明每行业工业模型数量达：{per_industry_models}个）\n"
    "□工业APP可覆盖行业数：{app_industries}个\n"
    "（说明每行业工业APP数量达：{per_industry_apps}个）\n"
    "□企业平台用户涵盖行业数：{user_industries}个\n"
    "（说明每个行业拥有企业用户数：{per_industry_users}家）",
    "3.2平台跨领域能力\n"
    "□平台服务领域：{domains}个\n"
    "（简要提供每个领域（如医药、船舶等）可提供的服务能力（如研发设计、供应链、生产制造））\n"
    "□每个分领域可提供{per_domain_models}个工业机理模型，{per_domain_apps}个工业APP\n"
    "（各领域分开写，如医药领域提供X个工业机理模型，Y个工业APP）\n"
    "□领域之间能实现数据的：[o:domain_data:打通]打通、[o:domain_data:集成]集成、[o:domain_data:"
    "共享]"
    "共享、[o:domain_data:其他]其他______\n"
    "□是否有区域企业规模化应用案例：[yn:regional_cases]\n"
    "补充说明和分类详细介绍（平台能够带动区域企业规模化应用，以及落地的应用服务，其它）：\n",
    "4.平台应用成效（必填）",
    "4.1平台规划投入\n"
    "□是否对平台有明确的研发和运营计划：[yn:has_plan]\n"
    "□平台运营主体应为：[o:operator:独立法人机构]独立法人机构、[o:operator:"
    "具有完整组织架构的集团独立"
    "部门]具有完整组织架构的集团独立部门、[o:operator:其他]其他________，人员数量：{staff}人\n"
    "□2017年平台投资金额：{invest_2017}万元\n"
    "□2017年平台营业收入： {revenue_2017}万元\n"
    "□2018年平台投资金额：{invest_2018}万元\n"
    "□2018年平台营业收入： {revenue_2018}万元\n"
    "□2019年平台投资金额：{invest_2019}万元\n"
    "□2019年（截止9月30日）平台营业收入： {revenue_2019}万元\n\n"
    "补充说明和分类详细介绍（主要投资方向、主要收入来源，其它）：\n",
    "4.2平台应用成效\n"
    "描述企业应用平台后，在劳动生产率提升、产品质量管控、工艺成熟优化、生产成本下降、能源高效利用等"
    "方面"
    "取得明显成效，以及取得直接经济效益。列举平台应在创新、设计、制造、服务等各类制造资源的整合和优"
    "化"
    "配置方面发挥突出作用。\n{#effect}",
};

static void prose_box(struct doc *d, const char *heading, const char *markup)
{
	static const int one[] = {W};
	doc_para(d, heading, P_BOLD);
	doc_tbl_begin(d, 1, one);
	doc_tr_begin(d);
	doc_tc(d, 1, 0, markup, 0);
	doc_tr_end(d);
	doc_tbl_end(d);
}

/*
 * 二(三) as one-column table rows; 2.1 and 2.2 are where the habits of
 * answering beside the blanks apply (struct app answer_mode): in their own
 * two-column table for ANS_BESIDE, else inside the row (docx.c one_para).
 */
static void caps_table(struct doc *d)
{
	static const int one[] = {W};
	static const int two[] = {W / 2, W - W / 2};
	int beside = d->app && d->app->answer_mode == ANS_BESIDE;

	doc_tbl_begin(d, 1, one);
	for (size_t i = 0; i < ARRAY_SIZE(plat_caps); i++) {
		const char *row = plat_caps[i];
		int zone = !strncmp(row, "2.1", 3) || !strncmp(row, "2.2", 3);
		d->answer_zone = zone;
		if (zone && beside) {
			doc_tbl_end(d);
			doc_tbl_begin(d, 2, two);
			doc_rows_beside(d, row);
			doc_tbl_end(d);
			doc_tbl_begin(d, 1, one);
		} else {
			doc_tr_begin(d);
			doc_tc(d, 1, 0, row, strchr(row, '\n') ? 0 : P_BOLD);
			doc_tr_end(d);
		}
		d->answer_zone = 0;
	}
	doc_tbl_end(d);
}

void form_platform(struct doc *d)
{
	static const int basic[] = {1400, 1500, 2300, 1500, 2712};
	static const int two[] = {2400, 7012};

	cover(d, "江苏省重点工业互联网平台申报书", "申报类别：",
	      "[o:direction:跨行业跨领域]跨行业跨领域工业互联网平台\n"
	      "[o:direction:行业级]行业级工业互联网平台\n"
	      "[o:direction:企业级]企业级工业互联网平台");

	doc_para(d, "填报说明", P_CENTER | P_BOLD | P_BIG | P_PAGEBREAK);
	doc_para(d,
		 "一、本申报书由平台企业申报单位填写。\n"
		 "二、推荐单位为各设区市及昆山、泰兴、沭阳工业和信息化主管部门。\n"
		 "三、申报单位应按照填写要求和实际情况，认真准确填写相关内容。\n"
		 "四、提交材料包括申报书纸质材料和电子文档，申报单位必须确保纸质材料和电子文档的一"
		 "致性。\n"
		 "五、纸质材料请使用A4纸双面印刷，装订平整，采用普通纸质材料作为封面。",
		 0);

	commitment(d, 1);

	doc_para(d, "一、企业基本信息", P_BOLD | P_PAGEBREAK);
	doc_tbl_begin(d, 5, basic);
	doc_tr_begin(d);
	doc_tc(d, 5, 0, "企业基本信息", P_CENTER | P_BOLD);
	doc_tr_end(d);
	doc_tr_begin(d);
	doc_tc(d, 1, 0, "企业名称", 0);
	doc_tc(d, 4, 0, "{=enterprise}", 0);
	doc_tr_end(d);
	doc_tr_begin(d);
	doc_tc(d, 1, 0, "组织机构代码", 0);
	doc_tc(d, 2, 0, "{=org_code}", 0);
	doc_tc(d, 1, 0, "成立时间", 0);
	doc_tc(d, 1, 0, "{=founded}", 0);
	doc_tr_end(d);
	doc_tr_begin(d);
	doc_tc(d, 1, 0, "单位地址", 0);
	doc_tc(d, 4, 0, "{=address}", 0);
	doc_tr_end(d);
	static const char *const contact[][4] = {
	    {"姓名", "{=contact_name}", "电话", "{=contact_phone}"},
	    {"职务", "{=contact_title}", "手机", "{=contact_mobile}"},
	    {"传真", "{=contact_fax}", "E-mail", "{=contact_email}"},
	};
	for (int i = 0; i < 3; i++) {
		doc_tr_begin(d);
		doc_tc(d, 1, i ? 2 : 1, "联系人", 0);
		for (int j = 0; j < 4; j++)
			doc_tc(d, 1, 0, contact[i][j], 0);
		doc_tr_end(d);
	}
	static const char *const money[][4] = {
	    {"总资产（万元）", "{=total_assets}", "负债率", "{=debt_ratio}"},
	    {"信用等级", "{=credit_rating}", "上年销售（万元）", "{=last_sales}"},
	    {"上年税金（万元）", "{=last_tax}", "上年利润（万元）", "{=last_profit}"},
	};
	for (int i = 0; i < 3; i++) {
		doc_tr_begin(d);
		doc_tc(d, 1, 0, money[i][0], 0);
		doc_tc(d, 2, 0, money[i][1], 0);
		doc_tc(d, 1, 0, money[i][2], 0);
		doc_tc(d, 1, 0, money[i][3], 0);
		doc_tr_end(d);
	}
	doc_tr_begin(d);
	doc_tc(d, 1, 0, "企\n业\n简\n介", P_CENTER);
	doc_tc(
	    d, 4, 0,
	    "（限1000字）\n（一）申报单位情况介绍\n发展历程、主营业务、市场销售等方面基本情况。\n"
	    "（二）申报单位核心竞争力介绍\n突出工业互联网平台技术、产品、解决方案等相关能力，包括优"
	    "势"
	    "技术、人才队伍、研发能力、实施能力、服务保障、应用效果等。\n{#intro}",
	    0);
	doc_tr_end(d);
	doc_tbl_end(d);

	doc_para(d, "二、工业互联网平台申报材料", P_BOLD | P_PAGEBREAK);
	doc_para(d, "（一）企业经营情况", P_BOLD);
	box_table(d, plat_ops, ARRAY_SIZE(plat_ops));

	doc_para(d, "（二）工业互联网平台基本信息", P_BOLD);
	doc_tbl_begin(d, 2, two);
	label_value(d, "平台名称", "{=platform_name}");
	label_value(d, "建设主体", "{=builder}");
	label_value(d, "建设时间", "{=build_time}");
	label_value(d, "投资金额", "{=platform_invest}");
	doc_tr_begin(d);
	doc_tc(d, 1, 1, "建设方式", 0);
	doc_tc(d, 1, 0, "[o:build_mode:自建]自建  ", 0);
	doc_tr_end(d);
	doc_tr_begin(d);
	doc_tc(d, 1, 2, NULL, 0);
	doc_tc(d, 1, 0, "[o:build_mode:合作共建]合作共建  \n请注明合作企业名称{partner}", 0);
	doc_tr_end(d);
	doc_tr_begin(d);
	doc_tc(d, 1, 1, "IaaS基础设施", 0);
	doc_tc(d, 1, 0, "[o:iaas:自建]自建  ", 0);
	doc_tr_end(d);
	doc_tr_begin(d);
	doc_tc(d, 1, 2, NULL, 0);
	doc_tc(d, 1, 0, "[o:iaas:租用]租用 \n请注明服务商名称{iaas_provider}", 0);
	doc_tr_end(d);
	doc_tbl_end(d);

	doc_para(d, "（三）工业互联网平台能力介绍", P_BOLD);
	doc_para(d, "（请填写本通知发布时间前统计的数据，相关证明材料放入第（八）部分）", 0);
	caps_table(d);

	prose_box(
	    d, "（四）工业互联网平台应用案例和效果（必填）",
	    "选择工业互联网平台应用的几个特定工业场景，如设备管理优化、研发设计优化、运营管理优化、"
	    "生产执行优化、产品全生命周期管理优化、供应链协同优化等，并描述相关使用情况和应用效果："
	    "\n"
	    "{#cases}");
	prose_box(d, "（五）工业互联网平台区域落地情况（必填）",
		  "描述工业互联网平台在地方落地情况，包括地方政府合作、区域企业整体上平台等情况：\n"
		  "{#regional}");
	prose_box(d, "（六）工业互联网平台技术架构（必填）",
		  "工业互联网平台的技术架构及方案介绍（包含但不限于平台架构技术方案、边缘计算技术方"
		  "案、工业"
		  "大数据技术方案、工业微服务技术方案、工业APP开发技术方案等）（限1500字）\n{#"
		  "architecture}");
	prose_box(d, "（七）工业互联网平台下一步发展计划",
		  "工业互联网平台下一步研发和运营计划（包含但不限于技术升级、应用开发、开发者社区建"
		  "设和培育、"
		  "商业模式拓展等）（限2500字）\n{#plan}");
	prose_box(d, "（八）其他说明材料",
		  "材料清单（作为附件放后）：\n附件1：_________\n附件2：_________\n"
		  "附件3：_________\n…\n注：需具备对证明材料的现场演示能力");
	doc_para(d,
		 "（注：附件包括但不限于客户服务合同、能够体现工业互联网平台运营情况的财务报告、产"
		 "品专利和"
		 "知识产权证书、申报通知发布日期前系统和软件运行日志等证明材料，以及企业运营资质等"
		 "相关支撑"
		 "材料）",
		 0);
}

/* ---- 附件2 ---- */

static void fin_row(struct doc *d, const char *label, const char *key)
{
	struct strbuf sb = STRBUF_INIT;

	doc_tr_begin(d);
	doc_tc(d, 1, 2, NULL, 0);
	doc_tc(d, 1, 0, label, 0);
	for (int y = 2017; y <= 2019; y++) {
		strbuf_reset(&sb);
		strbuf_addf(&sb, "{=%s_%d}", key, y);
		doc_tc(d, y == 2019 ? 2 : 1, 0, sb.buf, 0);
	}
	doc_tr_end(d);
	strbuf_release(&sb);
}

struct box_item {
	const char *group, *sub, *key, *opt;
};

static const struct box_item basics[] = {
    {"网络技术", "无线网络", "net_wireless", "5G"},
    {"网络技术", "无线网络", "net_wireless", "4G"},
    {"网络技术", "无线网络", "net_wireless", "NB-IoT"},
    {"网络技术", "无线网络", "net_wireless", "ZigBee"},
    {"网络技术", "无线网络", "net_wireless", "Lora"},
    {"网络技术", "有线网络", "net_wired", "通用以太网"},
    {"网络技术", "有线网络", "net_wired", "工业以太网"},
    {"网络技术", "有线网络", "net_wired", "TSN网络"},
    {"网络技术", "有线网络", "net_wired", "现场总线"},
    {"网络技术", "有线网络", "net_wired", "工业PON"},
    {"网络技术", "企业专线", "net_private", "上网专线"},
    {"网络技术", "企业专线", "net_private", "互联专线"},
    {"网络技术", "企业专线", "net_private", "SD-WAN"},
    {"网络技术", "企业专线", "net_private", "VPN网络"},
    {"平台技术", "", "platform_tech", "自建平台"},
    {"平台技术", "", "platform_tech", "接入应用平台"},
    {"安全技术", "边界安全", "sec_boundary", "防火墙"},
    {"安全技术", "边界安全", "sec_boundary", "工控防火墙"},
    {"安全技术", "边界安全", "sec_boundary", "抗DDOS"},
    {"安全技术", "边界安全", "sec_boundary", "入侵防御"},
    {"安全技术", "边界安全", "sec_boundary", "数据泄漏防护"},
    {"安全技术", "边界安全", "sec_boundary", "防病毒网关"},
    {"安全技术", "安全检测", "sec_detect", "入侵检测"},
    {"安全技术", "安全检测", "sec_detect", "漏洞扫描"},
    {"安全技术", "安全检测", "sec_detect", "工控漏洞扫描"},
    {"安全技术", "安全管理", "sec_manage", "网络分区分域"},
    {"安全技术", "安全管理", "sec_manage", "终端安全保护系统"},
    {"安全技术", "安全管理", "sec_manage", "工控终端安全系统"},
};

struct opt_group {
	const char *group, *sub, *key;
	const char *opts[6];
	int first;
};

static const struct opt_group opt_groups[] = {
    {"制造系统要素条件\n（每个子类至少符合一项）",
     "生产现场优化",
     "opt_site",
     {"生产工艺优化", "质量检测分析"},
     1},
    {"制造系统要素条件\n（每个子类至少符合一项）",
     "生产管理优化",
     "opt_mgmt",
     {"进度智能管控", "全流程质量优化", "能源效率优化", "厂内物流优化", "智能安全管控"},
     3},
    {"制造系统要素条件\n（每个子类至少符合一项）",
     "经营管理优化",
     "opt_biz",
     {"生产管控一体化", "库存管理", "财务流程优化"},
     8},
    {"全流程优化\n要素条件",
     "产品全流程优化要素条件",
     "flow_product",
     {"综合设计仿真优化", "设计制造一体化", "产品服务优化", "产品使用反馈优化"},
     1},
    {"全流程优化\n要素条件",
     "资产全流程优化要素条件",
     "flow_asset",
     {"工厂设计仿真优化", "工厂资产运行优化", "工厂资产故障预测"},
     5},
    {"全流程优化\n要素条件",
     "商业全流程优化要素条件",
     "flow_business",
     {"用户需求预测", "供应链协同", "制造资源协同", "全价值链集成优化"},
     8},
    {"全流程优化\n要素条件",
     "跨链条优化要素条件",
     "flow_cross",
     {"柔性可重构制造系统设计", "基于供应链的产品设计优化"},
     12},
};

void form_factory(struct doc *d)
{
	static const int app_cols[] = {900, 2000, 2100, 1500, 1450, 1462};
	static const int basic_cols[] = {900, 1100, 1400, 1600, 4412};
	static const int opt_cols[] = {900, 2100, 2300, 4112};
	struct strbuf sb = STRBUF_INIT;

	cover(d, "江苏省工业互联网标杆工厂申报书", "项目名称：", "{=cover_project}");
	commitment(d, 1);

	doc_para(d, "一、项目申请表", P_BOLD | P_PAGEBREAK);
	doc_tbl_begin(d, 6, app_cols);
	doc_tr_begin(d);
	doc_tc(d, 1, 1, "企业基本信息", P_CENTER);
	doc_tc(d, 1, 0, "企业名称", 0);
	doc_tc(d, 4, 0, "{=enterprise}", 0);
	doc_tr_end(d);
	doc_tr_begin(d);
	doc_tc(d, 1, 2, NULL, 0);
	doc_tc(d, 1, 0, "所属行业", 0);
	doc_tc(d, 1, 0,
	       "{=industry|（按国民经济行业分类具体到种类，如：制造业-化学纤维制造业-"
	       "纤维素纤维原料及纤维"
	       "制造）}",
	       0);
	doc_tc(d, 1, 0, "所属地区", 0);
	doc_tc(d, 2, 0, "{=region|填写格式：XX市XX县（区）}", 0);
	doc_tr_end(d);
	doc_tr_begin(d);
	doc_tc(d, 1, 2, NULL, 0);
	doc_tc(d, 1, 0, "所属类型", 0);
	doc_tc(d, 4, 0, "[o:industry_type:离散行业]离散行业\n[o:industry_type:流程行业]流程行业",
	       0);
	doc_tr_end(d);
	doc_tr_begin(d);
	doc_tc(d, 1, 2, NULL, 0);
	doc_tc(d, 1, 0, "组织机构代码", 0);
	doc_tc(d, 1, 0, "{=org_code}", 0);
	doc_tc(d, 1, 0, "成立时间", 0);
	doc_tc(d, 2, 0, "{=founded}", 0);
	doc_tr_end(d);
	doc_tr_begin(d);
	doc_tc(d, 1, 2, NULL, 0);
	doc_tc(d, 1, 0, "详细地址", 0);
	doc_tc(d, 4, 0, "{=address}", 0);
	doc_tr_end(d);
	doc_tr_begin(d);
	doc_tc(d, 1, 2, NULL, 0);
	doc_tc(d, 1, 0, "", 0);
	doc_tc(d, 1, 0, "2017年", P_CENTER);
	doc_tc(d, 1, 0, "2018年", P_CENTER);
	doc_tc(d, 2, 0, "2019年", P_CENTER);
	doc_tr_end(d);
	fin_row(d, "总资产（万元）", "assets");
	fin_row(d, "负债率", "debt_ratio");
	fin_row(d, "主营业务收入（万元）", "revenue");
	fin_row(d, "税金（万元）", "tax");
	fin_row(d, "利润（万元）", "profit");
	doc_tr_begin(d);
	doc_tc(d, 1, 2, NULL, 0);
	doc_tc(d, 1, 1, "联系人信息", 0);
	doc_tc(d, 1, 0, "姓名", 0);
	doc_tc(d, 1, 0, "{=contact_name}", 0);
	doc_tc(d, 1, 0, "职务", 0);
	doc_tc(d, 1, 0, "{=contact_title}", 0);
	doc_tr_end(d);
	doc_tr_begin(d);
	doc_tc(d, 1, 2, NULL, 0);
	doc_tc(d, 1, 2, NULL, 0);
	doc_tc(d, 1, 0, "移动电话", 0);
	doc_tc(d, 1, 0, "{=contact_mobile}", 0);
	doc_tc(d, 1, 0, "电子信箱", 0);
	doc_tc(d, 1, 0, "{=contact_email}", 0);
	doc_tr_end(d);

	doc_tr_begin(d);
	doc_tc(d, 1, 1, "企业荣誉", P_CENTER);
	doc_tc(d, 5, 0,
	       "备注：企业获得两化融合、制造业与互联网融合发展、工业互联网等领域国家、省级专项或试"
	       "点示范"
	       "项目（逐条说明：奖项、级别、获得时间）",
	       0);
	doc_tr_end(d);
	doc_tr_begin(d);
	doc_tc(d, 1, 2, NULL, 0);
	doc_tc(d, 1, 0, "序号", P_CENTER);
	doc_tc(d, 2, 0, "奖项名称", P_CENTER);
	doc_tc(d, 1, 0, "级别", P_CENTER);
	doc_tc(d, 1, 0, "获得时间", P_CENTER);
	doc_tr_end(d);
	for (int i = 1; i <= 7; i++) {
		doc_tr_begin(d);
		doc_tc(d, 1, 2, NULL, 0);
		strbuf_reset(&sb);
		if (i == 7)
			strbuf_addstr(&sb, "……");
		else
			strbuf_addf(&sb, "%d", i);
		doc_tc(d, 1, 0, sb.buf, P_CENTER);
		if (i == 7) {
			doc_tc(d, 2, 0, "", 0);
			doc_tc(d, 1, 0, "", 0);
			doc_tc(d, 1, 0, "", 0);
		} else {
			strbuf_reset(&sb);
			strbuf_addf(&sb, "{=honor%d_name}", i);
			doc_tc(d, 2, 0, sb.buf, 0);
			strbuf_reset(&sb);
			strbuf_addf(&sb, "{=honor%d_level}", i);
			doc_tc(d, 1, 0, sb.buf, 0);
			strbuf_reset(&sb);
			strbuf_addf(&sb, "{=honor%d_date}", i);
			doc_tc(d, 1, 0, sb.buf, 0);
		}
		doc_tr_end(d);
	}

	doc_tr_begin(d);
	doc_tc(d, 1, 1, "项目信息", P_CENTER);
	doc_tc(d, 1, 0, "项目名称", 0);
	doc_tc(d, 2, 0, "{=project_name}", 0);
	doc_tc(d, 1, 0, "项目建设\n时间", 0);
	doc_tc(d, 1, 0, "{=project_period|xx年xx月-- xx年xx月}", 0);
	doc_tr_end(d);
	doc_tr_begin(d);
	doc_tc(d, 1, 2, NULL, 0);
	doc_tc(d, 1, 0, "项目总投入（万元）", 0);
	doc_tc(d, 4, 0, "{=total_invest}", 0);
	doc_tr_end(d);
	static const char *const costs[][2] = {
	    {"平台和系统开发费（万元）", "{=cost_dev}"},
	    {"智能设备（终端）购置费（万元）", "{=cost_equipment}"},
	    {"测试验证和项目咨询费（万元）", "{=cost_test}"},
	    {"项目实施人员工资（万元）", "{=cost_salary}"},
	};
	for (int i = 0; i < 4; i++) {
		doc_tr_begin(d);
		doc_tc(d, 1, 2, NULL, 0);
		doc_tc(d, 1, i ? 2 : 1, "其中", P_CENTER);
		doc_tc(d, 2, 0, costs[i][0], 0);
		doc_tc(d, 2, 0, costs[i][1], 0);
		doc_tr_end(d);
	}
	doc_tr_begin(d);
	doc_tc(d, 1, 2, NULL, 0);
	doc_tc(d, 1, 0, "项目总体描述", 0);
	doc_tc(d, 4, 0, "（按照附件3相关要素条件进行描述，不超过1000字）\n{#project_desc}", 0);
	doc_tr_end(d);
	doc_tbl_end(d);

	/* 基础能力: one row per box, the group labels merged down, as in the notice. */
	doc_tbl_begin(d, 5, basic_cols);
	for (size_t i = 0; i < ARRAY_SIZE(basics); i++) {
		const struct box_item *b = &basics[i];
		int new_group = !i || strcmp(b->group, basics[i - 1].group);
		int new_sub = new_group || strcmp(b->sub, basics[i - 1].sub);
		doc_tr_begin(d);
		doc_tc(d, 1, i ? 2 : 1, "项目信息", P_CENTER);
		doc_tc(d, 1, i ? 2 : 1, "基础能力", P_CENTER);
		if (!*b->sub) {
			doc_tc(d, 2, new_group ? 1 : 2, b->group, P_CENTER);
		} else {
			doc_tc(d, 1, new_group ? 1 : 2, b->group, P_CENTER);
			doc_tc(d, 1, new_sub ? 1 : 2, b->sub, P_CENTER);
		}
		strbuf_reset(&sb);
		strbuf_addf(&sb, "[o:%s:%s]   %s", b->key, b->opt, b->opt);
		doc_tc(d, 1, 0, sb.buf, 0);
		doc_tr_end(d);
	}
	doc_tbl_end(d);

	doc_tbl_begin(d, 4, opt_cols);
	for (size_t i = 0; i < ARRAY_SIZE(opt_groups); i++) {
		const struct opt_group *g = &opt_groups[i];
		int new_group = !i || strcmp(g->group, opt_groups[i - 1].group);
		doc_tr_begin(d);
		doc_tc(d, 1, i ? 2 : 1, "项目信息", P_CENTER);
		doc_tc(d, 1, new_group ? 1 : 2, g->group, P_CENTER);
		doc_tc(d, 1, 0, g->sub, P_CENTER);
		strbuf_reset(&sb);
		for (int j = 0; j < 6 && g->opts[j]; j++)
			strbuf_addf(&sb, "%s[o:%s:%s] %d、%s", j ? "\n" : "", g->key, g->opts[j],
				    g->first + j, g->opts[j]);
		doc_tc(d, 1, 0, sb.buf, 0);
		doc_tr_end(d);
	}
	doc_tbl_end(d);

	static const char *const sections[] = {
	    "二、企业情况概述",
	    "（一）申报单位概况",
	    "（成立时间、发展历程、资本性质、组织结构、财务状况、经营情况等。）\n{#company_"
	    "profile}",
	    "（二）技术水平",
	    "（研发队伍、科研成果、知识产权、提供技术支持和服务的能力和条件等情况。）\n{#tech_"
	    "level}",
	    "（三）行业优势",
	    "（在相关行业、区域以及工业互联网方面已具备的技术优势、服务优势，已有的工业互联网基础和"
	    "取得"
	    "的经济、社会效益。）\n{#industry_advantage}",
	    "三、标杆工厂情况概述",
	    "（一）企业情况概述",
	    "{#factory_overview}",
	    "（二）项目建设内容",
	    "{#build_content}",
	    "（三）项目中克服的技术难点和主要创新点",
	    "{#innovations}",
	    "四、项目成效",
	    "（一）项目实施所取得的直接效果",
	    "{#direct_effects}",
	    "（二）项目成果的市场分析和技术成果应用分析",
	    "{#market_analysis}",
	    "（三）项目实施对行业的影响和带动作用",
	    "{#industry_impact}",
	    "五、项目建设投入情况",
	    "{#invest_detail}",
	    "六、项目组织",
	    "项目实施团队基本情况和任务分工情况。\n{#organization}",
	    "七、相关附件",
	    "1、企业营业执照复印件\n2、近三年企业财务审计报告复印件\n3、项目建设投入专项审计报告复"
	    "印件\n"
	    "4、资质证明文件复印件\n5、荣誉证明文件复印件\n6、其他",
	};
	for (size_t i = 0; i < ARRAY_SIZE(sections); i++) {
		const char *s = sections[i];
		int heading = 0;
		for (const char *h = "二三四五六七"; *h; h += 3)
			if (!strncmp(s, h, 3) && !strncmp(s + 3, "、", 3))
				heading = 1;
		int sub = !strncmp(s, "（", 3) && s[3] && !strncmp(s + 6, "）", 3);
		doc_para(d, s,
			 (heading ? P_BOLD | P_BIG
			  : sub	  ? P_BOLD
				  : 0) |
			     (i ? 0 : P_PAGEBREAK));
	}
	strbuf_release(&sb);
}

/* ---- 附件5 ---- */

const char *const *summary_header(int type, int synonyms)
{
	static const char *const plat_head[] = {
	    "序号",   "申报企业名称",	  "项目方向",	"项目名称",
	    "联系人", "联系方式（手机）", "项目所在地", "是否省先进制造业集群"};
	static const char *const fact_head[] = {
	    "序号",   "申报企业名称",	  "所属行业",	"项目名称",
	    "联系人", "联系方式（手机）", "项目所在地", "是否省先进制造业集群"};
	/* what clerks type when they rebuild the table (habit a) */
	static const char *const plat_syn[] = {
	    "序 号",  "企业名称", "申报方向",	"项目名称",
	    "联系人", "联系电话", "项目所在地", "是否省先进制造业集群"};
	static const char *const fact_syn[] = {
	    "序 号",  "企业名称", "所属行业",	"项目名称",
	    "联系人", "联系电话", "项目所在地", "是否省先进制造业集群"};
	if (synonyms)
		return type == APP_PLATFORM ? plat_syn : fact_syn;
	return type == APP_PLATFORM ? plat_head : fact_head;
}

void form_summary(struct doc *d, int type, int unit, struct app **apps, size_t n)
{
	form_summary_ex(d, type, unit, apps, n, 0);
}

void form_summary_ex(struct doc *d, int type, int unit, struct app **apps, size_t n, int synonyms)
{
	static const int cols[] = {600, 2000, 1100, 1700, 800, 1300, 1100, 812};
	const char *const *head = summary_header(type, synonyms);
	struct strbuf sb = STRBUF_INIT;
	size_t rows = apps ? n : 6;

	doc_para(d, "附件5：", P_BOLD);
	doc_para(d,
		 type == APP_PLATFORM ? "江苏省重点工业互联网平台申报情况汇总表"
				      : "江苏省工业互联网标杆工厂申报情况汇总表",
		 P_CENTER | P_BOLD | P_BIG);
	strbuf_addf(&sb, "推荐单位（盖章）：%s", apps ? unit_bureaus[unit] : "");
	doc_para(d, sb.buf, 0);
	doc_tbl_begin(d, 8, cols);
	doc_tr_begin(d);
	for (int j = 0; j < 8; j++)
		doc_tc(d, 1, 0, head[j], P_CENTER | P_BOLD);
	doc_tr_end(d);
	for (size_t i = 0; i < rows; i++) {
		const struct app *a = apps ? apps[i] : NULL;
		doc_tr_begin(d);
		strbuf_reset(&sb);
		strbuf_addf(&sb, "%zu", i + 1);
		doc_tc(d, 1, 0, sb.buf, P_CENTER);
		if (!a) {
			for (int j = 1; j < 8; j++)
				doc_tc(d, 1, 0, "", 0);
		} else {
			doc_tc(d, 1, 0, app_get(a, "s.enterprise"), 0);
			doc_tc(d, 1, 0,
			       app_get(a, type == APP_PLATFORM ? "s.direction" : "s.industry_type"),
			       0);
			doc_tc(d, 1, 0, app_get(a, "s.project_name"), 0);
			doc_tc(d, 1, 0, app_get(a, "s.contact_name"), 0);
			doc_tc(d, 1, 0, app_get(a, "s.contact_mobile"), 0);
			doc_tc(d, 1, 0, app_get(a, "s.location"), 0);
			doc_tc(d, 1, 0, app_get(a, "s.cluster"), 0);
		}
		doc_tr_end(d);
	}
	doc_tr_begin(d);
	doc_tc(d, 8, 0,
	       type == APP_PLATFORM
		   ? "说明：\n1、申报方向指企业级、行业级、跨行业跨领域和重点培育四个方向。\n"
		     "2、“是否省先进制造业集群”栏目，如果属于省先进制造业集群，请填写集群名称，如果"
		     "不是，"
		     "填写“否”。\n"
		     "3、省13个先进制造业集群名称：新型电力（新能源）装备、工程机械、物联网、前沿新"
		     "材料、"
		     "生物医药和新型医疗器械、高端纺织、集成电路、海工装备和高技术船舶、高端装备、"
		     "节能环保、"
		     "核心信息技术、汽车及零部件、新型显示"
		   : "说明：\n1、所属行业指流程行业和离散行业。\n"
		     "2、“是否省先进制造业集群”栏目，如果属于省先进制造业集群，请填写集群名称，如果"
		     "不是，"
		     "填写“否”。\n"
		     "3、省13个先进制造业集群名称：新型电力（新能源）装备、工程机械、物联网、前沿新"
		     "材料、"
		     "生物医药和新型医疗器械、高端纺织、集成电路、海工装备和高技术船舶、高端装备、"
		     "节能环保、"
		     "核心信息技术、汽车及零部件、新型显示。",
	       0);
	doc_tr_end(d);
	doc_tbl_end(d);
	strbuf_release(&sb);
}
