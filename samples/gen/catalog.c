/*
 * catalog.c - the field catalogue of 附件1, 附件2 and 附件5, as data.
 *
 * The normalize stage reads the same catalogue from the TSVs in rules/fields/,
 * which `iireview-gen --fields DIR` writes from these tables, so the keys
 * in the truth file and the keys in the rules can never drift apart.
 */
#include "samples/gen/gen.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "common/log.h"

#define YN "是|否"

const struct field platform_fields[] = {
    {"applicant", "申报单位（盖章）", "text", 1, 0, "附件1 封面", ""},
    {"direction", "申报类别", "one_of", 1, 0, "附件1 封面", "跨行业跨领域|行业级|企业级"},
    {"legal_rep", "法人代表", "text", 1, 0, "附件1 封面", ""},
    {"recommender", "推荐单位（盖章）", "text", 1, 0, "附件1 封面", ""},
    {"apply_date", "申报日期", "date", 0, 0, "附件1 封面", ""},
    {"cc_enterprise", "企业名称", "text", 1, 0, "附件1 信用承诺书", ""},
    {"credit_code", "统一社会信用代码", "credit_code", 1, 0, "附件1 信用承诺书", ""},
    {"location", "企业所在地", "text", 1, 0, "附件1 信用承诺书", ""},
    {"basis", "申报依据", "text", 0, 0, "附件1 信用承诺书", ""},
    {"responsible", "申报责任人", "text", 1, 0, "附件1 信用承诺书", ""},
    {"responsible_phone", "联系电话", "phone", 0, 0, "附件1 信用承诺书", ""},
    {"commit_date", "日期", "date", 0, 0, "附件1 信用承诺书", ""},
    {"enterprise", "企业名称", "text", 1, 0, "附件1 一", ""},
    {"org_code", "组织机构代码", "org_code", 1, 0, "附件1 一", ""},
    {"founded", "成立时间", "date", 1, 0, "附件1 一", ""},
    {"address", "单位地址", "text", 1, 0, "附件1 一", ""},
    {"contact_name", "姓名", "text", 1, 0, "附件1 一 联系人", ""},
    {"contact_phone", "电话", "phone", 0, 0, "附件1 一 联系人", ""},
    {"contact_title", "职务", "text", 0, 0, "附件1 一 联系人", ""},
    {"contact_mobile", "手机", "mobile", 1, 0, "附件1 一 联系人", ""},
    {"contact_fax", "传真", "phone", 0, 0, "附件1 一 联系人", ""},
    {"contact_email", "E-mail", "email", 0, 0, "附件1 一 联系人", ""},
    {"total_assets", "总资产（万元）", "amount", 0, 0, "附件1 一", ""},
    {"debt_ratio", "负债率", "percent", 0, 0, "附件1 一", ""},
    {"credit_rating", "信用等级", "text", 0, 0, "附件1 一", ""},
    {"last_sales", "上年销售（万元）", "amount", 0, 0, "附件1 一", ""},
    {"last_tax", "上年税金（万元）", "amount", 0, 0, "附件1 一", ""},
    {"last_profit", "上年利润（万元）", "amount", 0, 0, "附件1 一", ""},
    {"intro", "企业简介", "text", 1, 1000, "附件1 一", ""},
    {"profitable_3y", "企业是否在近三年连续保持盈利", "yesno", 0, 0, "附件1 二(一)1", YN},
    {"revenue_rank_pct", "营业收入位列江苏省同行业", "percent", 0, 0, "附件1 二(一)1", ""},
    {"top10", "是否为前十强", "yesno", 0, 0, "附件1 二(一)1", YN},
    {"has_strategy", "企业是否有明确的企业发展战略", "yesno", 0, 0, "附件1 二(一)1", YN},
    {"rd_ratio", "企业研发创新费用是否能占到总体收入", "percent", 0, 0, "附件1 二(一)1", ""},
    {"platform_name", "平台名称", "text", 1, 0, "附件1 二(二)", ""},
    {"builder", "建设主体", "text", 0, 0, "附件1 二(二)", ""},
    {"build_time", "建设时间", "month_range", 0, 0, "附件1 二(二)", ""},
    {"platform_invest", "投资金额", "amount", 0, 0, "附件1 二(二)", ""},
    {"build_mode", "建设方式", "one_of", 0, 0, "附件1 二(二)", "自建|合作共建"},
    {"partner", "请注明合作企业名称", "text", 0, 0, "附件1 二(二)", ""},
    {"iaas", "IaaS基础设施", "one_of", 0, 0, "附件1 二(二)", "自建|租用"},
    {"iaas_provider", "请注明服务商名称", "text", 0, 0, "附件1 二(二)", ""},
    {"has_industrial_net", "是否部署工业网络", "yesno", 0, 0, "附件1 二(三)1.1", YN},
    {"net_interconnect", "工业网络是否可实现现场级、车间级、工厂级网络的互联互通", "yesno", 0, 0,
     "附件1 二(三)1.1", YN},
    {"protocols", "兼容____类工业通信协议", "integer", 0, 0, "附件1 二(三)1.1", ""},
    {"networks", "____类工业通信网络和通用网络协议", "integer", 0, 0, "附件1 二(三)1.1", ""},
    {"data_kinds", "可采集工业数据种类", "integer", 0, 0, "附件1 二(三)1.1", ""},
    {"edge_preprocess", "边缘层是否具备数据预处理能力", "yesno", 0, 0, "附件1 二(三)1.1", YN},
    {"edge_apps_enabled", "边缘层是否具备能加载边缘应用", "yesno", 0, 0, "附件1 二(三)1.1", YN},
    {"edge_apps", "则能加载____类边缘应用", "integer", 0, 0, "附件1 二(三)1.1", ""},
    {"control_systems", "适配主流____类工业控制系统", "integer", 0, 0, "附件1 二(三)1.1", ""},
    {"storage_infra", "是否具备稳定可靠的数据存储与计算基础设施", "yesno", 0, 0, "附件1 二(三)1.2",
     YN},
    {"cloud_arch", "是否具有完整的云计算架构", "yesno", 0, 0, "附件1 二(三)1.2", YN},
    {"cloud_types", "具有", "many_of", 0, 0, "附件1 二(三)1.2", "公有云|私有云|混合云|其他"},
    {"cloud_open", "云架构是否能开放共享", "yesno", 0, 0, "附件1 二(三)1.2", YN},
    {"db_kinds", "提供的数据库类型", "integer", 0, 0, "附件1 二(三)1.2", ""},
    {"resource_mgmt", "是否能对计算、存储、网络资源状态进行管控", "yesno", 0, 0, "附件1 二(三)1.2",
     YN},
    {"fault_alarm", "是否对异常状态进行故障告警", "yesno", 0, 0, "附件1 二(三)1.2", YN},
    {"data_integration", "是否能集成设计、生产、管理、运维等各环节数据", "yesno", 0, 0,
     "附件1 二(三)1.3", YN},
    {"runtime_arch", "应用运行环境采用____架构技术", "text", 0, 0, "附件1 二(三)1.3", ""},
    {"runtime_caps", "可具备___类能力", "integer", 0, 0, "附件1 二(三)1.3", ""},
    {"user_mgmt_kinds", "具备____类用户管理功能", "integer", 0, 0, "附件1 二(三)1.3", ""},
    {"cloud_integration", "是否具备对多类软件系统数据的云端集成", "yesno", 0, 0, "附件1 二(三)1.3",
     YN},
    {"data_volume", "目前平台积累的工业数据量", "text", 0, 0, "附件1 二(三)1.3", ""},
    {"data_func_kinds", "数据存储和处理功能类型", "integer", 0, 0, "附件1 二(三)1.3", ""},
    {"realtime_gbps", "数据实时处理能力（或理论计算峰值）", "integer", 0, 0, "附件1 二(三)1.3", ""},
    {"max_concurrency", "最大并发访问数量", "integer", 0, 0, "附件1 二(三)1.3", ""},
    {"response_ms", "资源请求响应时间", "integer", 0, 0, "附件1 二(三)1.3", ""},
    {"bandwidth", "网络带宽", "integer", 0, 0, "附件1 二(三)1.3", ""},
    {"languages", "开发语言数量", "integer", 0, 0, "附件1 二(三)1.3", ""},
    {"paas_dev_tools", "开发工具数量", "integer", 0, 0, "附件1 二(三)1.3", ""},
    {"paas_tool_calls", "开发工具月平均调用次数", "integer", 0, 0, "附件1 二(三)1.3", ""},
    {"general_algorithms", "通用算法模型数量", "integer", 0, 0, "附件1 二(三)1.3", ""},
    {"general_algorithm_calls", "通用算法模型月平均调用次数", "integer", 0, 0, "附件1 二(三)1.3",
     ""},
    {"xp_models_kinds", "支持跨平台调用的行业机理模型", "count_pair", 0, 0, "附件1 二(三)1.3", ""},
    {"xp_models", "支持跨平台调用的行业机理模型", "count_pair", 0, 0, "附件1 二(三)1.3", ""},
    {"xp_microservices_kinds", "支持跨平台调用的工业微服务", "count_pair", 0, 0, "附件1 二(三)1.3",
     ""},
    {"xp_microservices", "支持跨平台调用的工业微服务", "count_pair", 0, 0, "附件1 二(三)1.3", ""},
    {"xp_apps_kinds", "支持跨平台调用的工业APP", "count_pair", 0, 0, "附件1 二(三)1.3", ""},
    {"xp_apps", "支持跨平台调用的工业APP", "count_pair", 0, 0, "附件1 二(三)1.3", ""},
    {"iaas_components_kinds", "对IaaS的兼容管理组件", "count_pair", 0, 0, "附件1 二(三)1.3", ""},
    {"iaas_components", "对IaaS的兼容管理组件", "count_pair", 0, 0, "附件1 二(三)1.3", ""},
    {"data_modeling", "是否能对工业数据进行处理和建模分析", "yesno", 0, 0, "附件1 二(三)1.4", YN},
    {"full_software", "面向企业设计、生产、管理和服务等核心环节是否拥有较为完备的工业软件服务",
     "yesno", 0, 0, "附件1 二(三)1.4", YN},
    {"sw_interface", "是否提供工业软件集成适配接口", "yesno", 0, 0, "附件1 二(三)1.4", YN},
    {"sw_cloudify", "是否提供成熟工业软件的云化", "yesno", 0, 0, "附件1 二(三)1.4", YN},
    {"multi_models", "是否提供多类机理模型", "yesno", 0, 0, "附件1 二(三)1.4", YN},
    {"microservice_kinds", "提供____类工业微服务组件", "integer", 0, 0, "附件1 二(三)1.4", ""},
    {"multi_apps", "是否多个工业APP", "yesno", 0, 0, "附件1 二(三)1.4", YN},
    {"app_market", "是否建有应用市场", "yesno", 0, 0, "附件1 二(三)1.4", YN},
    {"dev_community", "是否建有开发者社区", "yesno", 0, 0, "附件1 二(三)1.4", YN},
    {"oss_community", "是否建有开源社区", "yesno", 0, 0, "附件1 二(三)1.4", YN},
    {"mgmt_functions", "具备", "many_of", 0, 0, "附件1 二(三)1.4",
     "开发|部署|交易|交付|评测|安全认证|其他"},
    {"new_tech", "应用", "many_of", 0, 0, "附件1 二(三)1.4", "人工智能|区块链|VR/AR/MR|其他"},
    {"new_tech_functions", "基于新技术的业务功能数量", "integer", 0, 0, "附件1 二(三)1.4", ""},
    {"id_node", "是否规划和推进工业互联网标识解析二级节点建设", "yesno", 0, 0, "附件1 二(三)1.4",
     YN},
    {"id_node_scope", "二级节点服务领域", "one_of", 0, 0, "附件1 二(三)1.4", "综合性|行业性"},
    {"id_node_period", "建设期限", "text", 0, 0, "附件1 二(三)1.4", ""},
    {"sec_modules_kinds", "安全防护的功能模块及组件", "count_pair", 0, 0, "附件1 二(三)1.5", ""},
    {"sec_modules", "安全防护的功能模块及组件", "count_pair", 0, 0, "附件1 二(三)1.5", ""},
    {"sec_libs_kinds", "平台安全防护工具库、病毒库、漏洞库", "count_pair", 0, 0, "附件1 二(三)1.5",
     ""},
    {"sec_libs", "平台安全防护工具库、病毒库、漏洞库", "count_pair", 0, 0, "附件1 二(三)1.5", ""},
    {"sec_mechanism", "是否有安全防护的保障机制", "yesno", 0, 0, "附件1 二(三)1.5", YN},
    {"parts_secure", "关键零部件是否安全可靠", "yesno", 0, 0, "附件1 二(三)1.5", YN},
    {"device_kinds", "可连接的工业设备种类", "count_pair", 0, 0, "附件1 二(三)2.1", ""},
    {"devices", "可连接的工业设备种类", "count_pair", 0, 0, "附件1 二(三)2.1", ""},
    {"datapoints", "设备数据采集点总数", "integer", 0, 0, "附件1 二(三)2.1", ""},
    {"managed_kinds", "可管理的工业设备", "count_pair", 0, 0, "附件1 二(三)2.1", ""},
    {"managed", "可管理的工业设备", "count_pair", 0, 0, "附件1 二(三)2.1", ""},
    {"edge_computing", "是否具备工业设备数据边缘计算功能", "yesno", 0, 0, "附件1 二(三)2.1", YN},
    {"cloud_sw_kinds", "云化工业软件数量", "count_pair", 0, 0, "附件1 二(三)2.2", ""},
    {"cloud_sw", "云化工业软件数量", "count_pair", 0, 0, "附件1 二(三)2.2", ""},
    {"app_kinds", "工业APP数量", "count_pair", 0, 0, "附件1 二(三)2.2", ""},
    {"apps", "工业APP数量", "count_pair", 0, 0, "附件1 二(三)2.2", ""},
    {"sub_ent_kinds", "工业软件和APP订阅企业数量", "count_pair", 0, 0, "附件1 二(三)2.2", ""},
    {"sub_ents", "工业软件和APP订阅企业数量", "count_pair", 0, 0, "附件1 二(三)2.2", ""},
    {"sub_user_kinds", "工业软件和APP订阅用户数量", "count_pair", 0, 0, "附件1 二(三)2.2", ""},
    {"sub_users", "工业软件和APP订阅用户数量", "count_pair", 0, 0, "附件1 二(三)2.2", ""},
    {"models_kinds", "工业机理模型", "count_pair", 0, 0, "附件1 二(三)2.2", ""},
    {"models", "工业机理模型", "count_pair", 0, 0, "附件1 二(三)2.2", ""},
    {"algorithms", "数据分析算法", "integer", 0, 0, "附件1 二(三)2.2", ""},
    {"microservices_kinds", "微服务组件数量", "count_pair", 0, 0, "附件1 二(三)2.2", ""},
    {"microservices", "微服务组件数量", "count_pair", 0, 0, "附件1 二(三)2.2", ""},
    {"model_calls", "行业机理模型月平均调用次数", "integer", 0, 0, "附件1 二(三)2.2", ""},
    {"algorithm_calls", "数据分析算法平均调用次数", "integer", 0, 0, "附件1 二(三)2.2", ""},
    {"microservice_calls", "微服务组件月平均调用次数", "integer", 0, 0, "附件1 二(三)2.2", ""},
    {"users_total", "平台用户总数", "integer", 0, 0, "附件1 二(三)2.3", ""},
    {"users_active", "平台活跃用户数", "integer", 0, 0, "附件1 二(三)2.3", ""},
    {"users_enterprises", "平台服务的企业用户数", "integer", 0, 0, "附件1 二(三)2.3", ""},
    {"dev_tools", "平台提供开发工具数量", "integer", 0, 0, "附件1 二(三)2.4", ""},
    {"developers", "开发者连接总数量", "integer", 0, 0, "附件1 二(三)2.4", ""},
    {"third_party_devs", "第三方开发者连接数量", "integer", 0, 0, "附件1 二(三)2.4", ""},
    {"kit_devs", "调用开发工具包开发者数量", "integer", 0, 0, "附件1 二(三)2.4", ""},
    {"tool_calls", "开发工具每月调用次数", "integer", 0, 0, "附件1 二(三)2.4", ""},
    {"algo_devs", "调用算法模型的开发者数量", "integer", 0, 0, "附件1 二(三)2.4", ""},
    {"microservice_devs", "调用微服务组件开发者数量", "integer", 0, 0, "附件1 二(三)2.4", ""},
    {"graphical", "是否具备图形化开发能力", "yesno", 0, 0, "附件1 二(三)2.4", YN},
    {"industries", "平台覆盖的特定行业数", "integer", 0, 0, "附件1 二(三)3.1", ""},
    {"per_industry_devices", "说明每个行业连接设备台数达____台", "integer", 0, 0, "附件1 二(三)3.1",
     ""},
    {"per_industry_points", "或有_____个数据采集地点", "integer", 0, 0, "附件1 二(三)3.1", ""},
    {"model_industries", "工业模型可覆盖行业数", "integer", 0, 0, "附件1 二(三)3.1", ""},
    {"per_industry_models", "说明每行业工业模型数量达", "integer", 0, 0, "附件1 二(三)3.1", ""},
    {"app_industries", "工业APP可覆盖行业数", "integer", 0, 0, "附件1 二(三)3.1", ""},
    {"per_industry_apps", "说明每行业工业APP数量达", "integer", 0, 0, "附件1 二(三)3.1", ""},
    {"user_industries", "企业平台用户涵盖行业数", "integer", 0, 0, "附件1 二(三)3.1", ""},
    {"per_industry_users", "说明每个行业拥有企业用户数", "integer", 0, 0, "附件1 二(三)3.1", ""},
    {"domains", "平台服务领域", "integer", 0, 0, "附件1 二(三)3.2", ""},
    {"per_domain_models", "每个分领域可提供_____个工业机理模型", "integer", 0, 0, "附件1 二(三)3.2",
     ""},
    {"per_domain_apps", "_____个工业APP", "integer", 0, 0, "附件1 二(三)3.2", ""},
    {"domain_data", "领域之间能实现数据的", "many_of", 0, 0, "附件1 二(三)3.2",
     "打通|集成|共享|其他"},
    {"regional_cases", "是否有区域企业规模化应用案例", "yesno", 0, 0, "附件1 二(三)3.2", YN},
    {"has_plan", "是否对平台有明确的研发和运营计划", "yesno", 0, 0, "附件1 二(三)4.1", YN},
    {"operator", "平台运营主体应为", "one_of", 0, 0, "附件1 二(三)4.1",
     "独立法人机构|具有完整组织架构的集团独立部门|其他"},
    {"staff", "人员数量", "integer", 0, 0, "附件1 二(三)4.1", ""},
    {"invest_2017", "2017年平台投资金额", "amount", 0, 0, "附件1 二(三)4.1", ""},
    {"revenue_2017", "2017年平台营业收入", "amount", 0, 0, "附件1 二(三)4.1", ""},
    {"invest_2018", "2018年平台投资金额", "amount", 0, 0, "附件1 二(三)4.1", ""},
    {"revenue_2018", "2018年平台营业收入", "amount", 0, 0, "附件1 二(三)4.1", ""},
    {"invest_2019", "2019年平台投资金额", "amount", 0, 0, "附件1 二(三)4.1", ""},
    {"revenue_2019", "2019年（截止9月30日）平台营业收入", "amount", 0, 0, "附件1 二(三)4.1", ""},
    {"effect", "平台应用成效", "text", 0, 0, "附件1 二(三)4.2", ""},
    {"cases", "工业互联网平台应用案例和效果", "text", 1, 0, "附件1 二(四)", ""},
    {"regional", "工业互联网平台区域落地情况", "text", 1, 0, "附件1 二(五)", ""},
    {"architecture", "工业互联网平台技术架构", "text", 1, 1500, "附件1 二(六)", ""},
    {"plan", "工业互联网平台下一步发展计划", "text", 0, 2500, "附件1 二(七)", ""},
};
const size_t n_platform_fields = ARRAY_SIZE(platform_fields);

#define HONOR(n)                                                                                   \
	{"honor" #n "_name", "奖项名称", "text", 0, 0, "附件2 一 企业荣誉 " #n, ""},               \
	    {"honor" #n "_level", "级别", "text", 0, 0, "附件2 一 企业荣誉 " #n, ""},              \
	{                                                                                          \
		"honor" #n "_date", "获得时间", "date", 0, 0, "附件2 一 企业荣誉 " #n, ""          \
	}
#define FIN(key, label)                                                                            \
	{key "_2017", label, "amount", 0, 0, "附件2 一 2017年", ""},                               \
	    {key "_2018", label, "amount", 0, 0, "附件2 一 2018年", ""},                           \
	{                                                                                          \
		key "_2019", label, "amount", 0, 0, "附件2 一 2019年", ""                          \
	}

const struct field factory_fields[] = {
    {"applicant", "申报单位（盖章）", "text", 1, 0, "附件2 封面", ""},
    {"cover_project", "项目名称", "text", 1, 0, "附件2 封面", ""},
    {"legal_rep", "法人代表", "text", 1, 0, "附件2 封面", ""},
    {"recommender", "推荐单位（盖章）", "text", 1, 0, "附件2 封面", ""},
    {"apply_date", "申报日期", "date", 0, 0, "附件2 封面", ""},
    {"cc_enterprise", "企业名称", "text", 1, 0, "附件2 信用承诺书", ""},
    {"credit_code", "统一社会信用代码", "credit_code", 1, 0, "附件2 信用承诺书", ""},
    {"location", "企业所在地", "text", 1, 0, "附件2 信用承诺书", ""},
    {"basis", "申报依据", "text", 0, 0, "附件2 信用承诺书", ""},
    {"responsible", "申报责任人", "text", 1, 0, "附件2 信用承诺书", ""},
    {"responsible_phone", "联系电话", "phone", 0, 0, "附件2 信用承诺书", ""},
    {"commit_date", "日期", "date", 0, 0, "附件2 信用承诺书", ""},
    {"enterprise", "企业名称", "text", 1, 0, "附件2 一 企业基本信息", ""},
    {"industry", "所属行业", "text", 0, 0, "附件2 一 企业基本信息", ""},
    {"region", "所属地区", "text", 1, 0, "附件2 一 企业基本信息", ""},
    {"industry_type", "所属类型", "one_of", 0, 0, "附件2 一 企业基本信息", "离散行业|流程行业"},
    {"org_code", "组织机构代码", "org_code", 1, 0, "附件2 一 企业基本信息", ""},
    {"founded", "成立时间", "date", 1, 0, "附件2 一 企业基本信息", ""},
    {"address", "详细地址", "text", 1, 0, "附件2 一 企业基本信息", ""},
    FIN("assets", "总资产（万元）"),
    {"debt_ratio_2017", "负债率", "percent", 0, 0, "附件2 一 2017年", ""},
    {"debt_ratio_2018", "负债率", "percent", 0, 0, "附件2 一 2018年", ""},
    {"debt_ratio_2019", "负债率", "percent", 0, 0, "附件2 一 2019年", ""},
    FIN("revenue", "主营业务收入（万元）"),
    FIN("tax", "税金（万元）"),
    FIN("profit", "利润（万元）"),
    {"contact_name", "姓名", "text", 1, 0, "附件2 一 联系人信息", ""},
    {"contact_title", "职务", "text", 0, 0, "附件2 一 联系人信息", ""},
    {"contact_mobile", "移动电话", "mobile", 1, 0, "附件2 一 联系人信息", ""},
    {"contact_email", "电子信箱", "email", 0, 0, "附件2 一 联系人信息", ""},
    HONOR(1),
    HONOR(2),
    HONOR(3),
    HONOR(4),
    HONOR(5),
    HONOR(6),
    {"project_name", "项目名称", "text", 1, 0, "附件2 一 项目信息", ""},
    {"project_period", "项目建设时间", "month_range", 1, 0, "附件2 一 项目信息", ""},
    {"total_invest", "项目总投入（万元）", "amount", 1, 0, "附件2 一 项目信息", ""},
    {"cost_dev", "平台和系统开发费（万元）", "amount", 1, 0, "附件2 一 项目信息 其中", ""},
    {"cost_equipment", "智能设备（终端）购置费（万元）", "amount", 1, 0, "附件2 一 项目信息 其中",
     ""},
    {"cost_test", "测试验证和项目咨询费（万元）", "amount", 1, 0, "附件2 一 项目信息 其中", ""},
    {"cost_salary", "项目实施人员工资（万元）", "amount", 1, 0, "附件2 一 项目信息 其中", ""},
    {"project_desc", "项目总体描述", "text", 1, 1000, "附件2 一 项目信息", ""},
    {"net_wireless", "无线网络", "many_of", 0, 0, "附件2 一 基础能力 网络技术",
     "5G|4G|NB-IoT|ZigBee|Lora"},
    {"net_wired", "有线网络", "many_of", 0, 0, "附件2 一 基础能力 网络技术",
     "通用以太网|工业以太网|TSN网络|现场总线|工业PON"},
    {"net_private", "企业专线", "many_of", 0, 0, "附件2 一 基础能力 网络技术",
     "上网专线|互联专线|SD-WAN|VPN网络"},
    {"platform_tech", "平台技术", "many_of", 0, 0, "附件2 一 基础能力", "自建平台|接入应用平台"},
    {"sec_boundary", "边界安全", "many_of", 0, 0, "附件2 一 基础能力 安全技术",
     "防火墙|工控防火墙|抗DDOS|入侵防御|数据泄漏防护|防病毒网关"},
    {"sec_detect", "安全检测", "many_of", 0, 0, "附件2 一 基础能力 安全技术",
     "入侵检测|漏洞扫描|工控漏洞扫描"},
    {"sec_manage", "安全管理", "many_of", 0, 0, "附件2 一 基础能力 安全技术",
     "网络分区分域|终端安全保护系统|工控终端安全系统"},
    {"opt_site", "生产现场优化", "many_of", 0, 0, "附件2 一 制造系统要素条件",
     "生产工艺优化|质量检测分析"},
    {"opt_mgmt", "生产管理优化", "many_of", 0, 0, "附件2 一 制造系统要素条件",
     "进度智能管控|全流程质量优化|能源效率优化|厂内物流优化|智能安全管控"},
    {"opt_biz", "经营管理优化", "many_of", 0, 0, "附件2 一 制造系统要素条件",
     "生产管控一体化|库存管理|财务流程优化"},
    {"flow_product", "产品全流程优化要素条件", "many_of", 0, 0, "附件2 一 全流程优化要素条件",
     "综合设计仿真优化|设计制造一体化|产品服务优化|产品使用反馈优化"},
    {"flow_asset", "资产全流程优化要素条件", "many_of", 0, 0, "附件2 一 全流程优化要素条件",
     "工厂设计仿真优化|工厂资产运行优化|工厂资产故障预测"},
    {"flow_business", "商业全流程优化要素条件", "many_of", 0, 0, "附件2 一 全流程优化要素条件",
     "用户需求预测|供应链协同|制造资源协同|全价值链集成优化"},
    {"flow_cross", "跨链条优化要素条件", "many_of", 0, 0, "附件2 一 全流程优化要素条件",
     "柔性可重构制造系统设计|基于供应链的产品设计优化"},
    {"company_profile", "申报单位概况", "text", 0, 0, "附件2 二(一)", ""},
    {"tech_level", "技术水平", "text", 0, 0, "附件2 二(二)", ""},
    {"industry_advantage", "行业优势", "text", 0, 0, "附件2 二(三)", ""},
    {"factory_overview", "企业情况概述", "text", 0, 0, "附件2 三(一)", ""},
    {"build_content", "项目建设内容", "text", 1, 0, "附件2 三(二)", ""},
    {"innovations", "项目中克服的技术难点和主要创新点", "text", 0, 0, "附件2 三(三)", ""},
    {"direct_effects", "项目实施所取得的直接效果", "text", 0, 0, "附件2 四(一)", ""},
    {"market_analysis", "项目成果的市场分析和技术成果应用分析", "text", 0, 0, "附件2 四(二)", ""},
    {"industry_impact", "项目实施对行业的影响和带动作用", "text", 0, 0, "附件2 四(三)", ""},
    {"invest_detail", "项目建设投入情况", "text", 0, 0, "附件2 五", ""},
    {"organization", "项目组织", "text", 0, 0, "附件2 六", ""},
};
const size_t n_factory_fields = ARRAY_SIZE(factory_fields);

const struct field summary_fields[] = {
    {"recommender", "推荐单位（盖章）", "text", 1, 0, "附件5", ""},
    {"seq", "序号", "integer", 1, 0, "附件5", ""},
    {"enterprise", "申报企业名称", "text", 1, 0, "附件5", ""},
    {"direction", "项目方向", "one_of", 1, 0, "附件5 平台", "跨行业跨领域|行业级|企业级|重点培育"},
    {"industry_type", "所属行业", "one_of", 1, 0, "附件5 标杆工厂", "离散行业|流程行业"},
    {"project_name", "项目名称", "text", 1, 0, "附件5", ""},
    {"contact_name", "联系人", "text", 1, 0, "附件5", ""},
    {"contact_mobile", "联系方式（手机）", "mobile", 1, 0, "附件5", ""},
    {"location", "项目所在地", "text", 1, 0, "附件5", ""},
    {"cluster", "是否省先进制造业集群", "one_of", 1, 0, "附件5",
     "否|新型电力（新能源）装备|工程机械|物联网|前沿新材料|生物医药和新型医疗器械|高端纺织|"
     "集成电路|海工装备和高技术船舶|高端装备|节能环保|核心信息技术|汽车及零部件|新型显示"},
};
const size_t n_summary_fields = ARRAY_SIZE(summary_fields);

const struct field *field_find(int app_type, const char *key)
{
	const struct field *f = app_type == APP_PLATFORM ? platform_fields : factory_fields;
	size_t n = app_type == APP_PLATFORM ? n_platform_fields : n_factory_fields;

	for (size_t i = 0; i < n; i++)
		if (!strcmp(f[i].key, key))
			return &f[i];
	return NULL;
}

static int write_one(const char *dir, const char *name, const char *what, const struct field *f,
		     size_t n)
{
	struct strbuf path = STRBUF_INIT;
	FILE *fp;

	strbuf_addf(&path, "%s/%s", dir, name);
	fp = fopen(path.buf, "w");
	if (!fp) {
		int rc = error("cannot write %s: %s", path.buf, strerror(errno));
		strbuf_release(&path);
		return rc;
	}
	fprintf(fp,
		"# %s. Written by `iireview-gen --fields`; see samples/README.md.\n"
		"# type: text integer amount(万元) percent date month_range yesno one_of many_of"
		" count_pair (X_kinds = the ___类, X = the ___个) phone mobile email"
		" credit_code org_code; max_chars counts characters, 0 = no limit;"
		" options: the box labels of one_of/many_of, '|'-separated.\n",
		what);
	fprintf(fp, "key\tlabel\ttype\trequired\tmax_chars\tsection\toptions\n");
	for (size_t i = 0; i < n; i++)
		fprintf(fp, "%s\t%s\t%s\t%d\t%d\t%s\t%s\n", f[i].key, f[i].label, f[i].type,
			f[i].required, f[i].max_chars, f[i].section, f[i].options);
	strbuf_release(&path);
	return fclose(fp) ? error("cannot write %s/%s", dir, name) : 0;
}

int write_field_catalogues(const char *dir)
{
	if (write_one(dir, "platform.tsv", "附件1 江苏省重点工业互联网平台申报书: fields",
		      platform_fields, n_platform_fields) ||
	    write_one(dir, "factory.tsv", "附件2 江苏省工业互联网标杆工厂申报书: fields",
		      factory_fields, n_factory_fields) ||
	    write_one(dir, "summary.tsv",
		      "附件5 申报情况汇总表 (one row per application; direction only in the "
		      "platform table, industry_type only in the factory table)",
		      summary_fields, n_summary_fields))
		return -1;
	return 0;
}
