#!/usr/bin/python3
"""Build the hand-checked cases of tests/cases/ (issue 13, part 7).

Each case is a one-bundle inbox (CASE/inbox/<bundle>/) with real .docx and
.xlsx files written here with Debian's python3-docx and python3-openpyxl, not
by iireview-gen, so that the reader is tried on files other tools made.  The
fill habits are the field trial's (shared/fieldtrial/README.md): written out
by hand below, one case per habit; the enterprises and figures are invented.
CASE/expected.tsv is written by hand after checking each file by eye
(`make.py --dump` prints the text of every file as python-docx/openpyxl read
it); tests/e2e/cases.sh compares it with what iireview reads.

    /usr/bin/python3 tests/cases/make.py          # rewrite every case's files
    /usr/bin/python3 tests/cases/make.py --dump   # their text, for checking

The output is deterministic (fixed document dates and zip entry times), so a
rerun writes the same bytes; the files are committed, the test does not need
python.
"""
import datetime
import os
import re
import shutil
import sys
import zipfile

import docx
import openpyxl
from docx.shared import Pt

HERE = os.path.dirname(os.path.abspath(__file__))
FIXED = datetime.datetime(2019, 11, 18, 9, 30, 0)

# ---- the printed lines of 附件1 二(一) and 二(三), as the notice words them ----
# {key}: a blank; [yn:key]: "□是 □否"; [o:key:option]: one box.
OPS = ['1.企业产业基础', '□企业是否在近三年连续保持盈利：[yn:profitable_3y]\n□营业收入位列江苏省同行业{revenue_rank_pct}%，是否为前十强：[yn:top10]\n□企业是否有明确的企业发展战略：[yn:has_strategy]（可选项）\n□企业研发创新费用是否能占到总体收入{rd_ratio}%']
CAPS = ['1.平台基础建设能力（必填）', '1.1边缘接入能力\n□是否部署工业网络：[yn:has_industrial_net]\n□工业网络是否可实现现场级、车间级、工厂级网络的互联互通：[yn:net_interconnect]\n□兼容{protocols}类工业通信协议，{networks}类工业通信网络和通用网络协议\n（将兼容的协议或网络名称作为统计标准）\n□可采集工业数据种类：{data_kinds}类\n（生产装备、装置、传感器、控制系统和工业产品等各类工业数据，将设备型号作为设备类型的统计标准）\n□边缘层是否具备数据预处理能力：[yn:edge_preprocess]\n□边缘层是否具备能加载边缘应用：[yn:edge_apps_enabled]，如是，则能加载{edge_apps}类边缘应用（简要说明边缘应用可提供的技术能力 ）\n□适配主流{control_systems}类工业控制系统\n（将适配的工控系统名称作为统计标准，简要说明工控系统可提供哪些设备管理操作，如参数配置、功能设定、维护管理等）', '1.2基础设施服务能力\n□是否具备稳定可靠的数据存储与计算基础设施：[yn:storage_infra]\n□是否具有完整的云计算架构：[yn:cloud_arch]\n（如有提供具体的云计算架构图及可佐证的具备完整架构的技术方案和应用场景案例）\n□具有：[o:cloud_types:公有云]公有云 、[o:cloud_types:私有云]私有云、[o:cloud_types:混合云]混合云、[o:cloud_types:其他]其他______架构\n□云架构是否能开放共享：[yn:cloud_open]\n□提供的数据库类型：{db_kinds}类\n（说明部署的系统可提供何种能力，如计算、存储、服务、扩容等）\n□是否能对计算、存储、网络资源状态进行管控：[yn:resource_mgmt]\n（如能请简要提供应用场景的实际案例）\n□是否对异常状态进行故障告警：[yn:fault_alarm]\n（如能请简要提供故障警告的实际案例）', '1.3 PaaS平台管理能力\n□是否能集成设计、生产、管理、运维等各环节数据：[yn:data_integration]\n□应用运行环境采用{runtime_arch}架构技术，可具备{runtime_caps}类能力\n（请对提供的能力进行简要描述，如资源调度分配能力）\n□具备{user_mgmt_kinds}类用户管理功能，并对各类功能进行简要描述\n□是否具备对多类软件系统数据的云端集成：[yn:cloud_integration]\n（将软件系统类型作为统计标准）\n□目前平台积累的工业数据量：{data_volume}（YB/ZB/EB/PB/TB/GB）\n□数据存储和处理功能类型：{data_func_kinds}类\n（存储、编目、索引、元数据管理和质量评估等，提供简要能力佐证材料）\n□数据实时处理能力（或理论计算峰值）：{realtime_gbps}GB/s\n□最大并发访问数量：{max_concurrency}个/s\n□资源请求响应时间：{response_ms}单个请求/ms\n□网络带宽：{bandwidth}MB/s\n□开发语言数量：{languages}类\n（Java、Ruby、PHP等，将开发语言名称作为统计标准）\n□开发工具数量：{paas_dev_tools}个\n（建模、仿真分析、可视化展示、知识管理工具等，提供佐证材料）\n□开发工具月平均调用次数：{paas_tool_calls}次\n□通用算法模型数量：{general_algorithms}个\n（简要说明每类通用算法可实现的能力，如关联分析、文本分析等）\n□通用算法模型月平均调用次数：{general_algorithm_calls}次\n□支持跨平台调用的行业机理模型：{xp_models_kinds}类，{xp_models}个\n□支持跨平台调用的工业微服务：{xp_microservices_kinds}类，{xp_microservices}个\n□支持跨平台调用的工业APP：{xp_apps_kinds}类，{xp_apps}个\n□对IaaS的兼容管理组件：{iaas_components_kinds}类，{iaas_components}个\n补充说明和分类详细介绍（具体的数据库类型、数据存储功能、数据计算功能，开发工具、开发语言、通用算法模型，具体可跨平台调用的机理模型、工业微服务、工业APP以及IaaS兼容管理组件，其它）\n\n', '1.4应用服务能力\n□是否能对工业数据进行处理和建模分析：[yn:data_modeling]\n□面向企业设计、生产、管理和服务等核心环节是否拥有较为完备的工业软件服务：[yn:full_software]\n□是否提供工业软件集成适配接口：[yn:sw_interface]\n□是否提供成熟工业软件的云化：[yn:sw_cloudify]\n□是否提供多类机理模型：[yn:multi_models]\n□提供{microservice_kinds}类工业微服务组件\n（简要说明每类工业微服务组件可服务的生产环节，如设计、仿真、管理等，并以案例佐证 ）\n□是否多个工业APP：[yn:multi_apps]\n□是否建有应用市场：[yn:app_market]\n□是否建有开发者社区：[yn:dev_community]\n□是否建有开源社区：[yn:oss_community]\n□具备：[o:mgmt_functions:开发]开发、[o:mgmt_functions:部署]部署、[o:mgmt_functions:交易]交易、[o:mgmt_functions:交付]交付、[o:mgmt_functions:评测]评测、[o:mgmt_functions:安全认证]安全认证、[o:mgmt_functions:其他]其他_____管理功能\n□应用：[o:new_tech:人工智能]人工智能、[o:new_tech:区块链]区块链、[o:new_tech:VR/AR/MR]VR/AR/MR、[o:new_tech:其他]其他_____新技术\n□基于新技术的业务功能数量：{new_tech_functions}个\n（按功能的应用场景划分）\n补充说明和分类详细介绍(介绍平台新技术的应用情况，其它)\n\n□是否规划和推进工业互联网标识解析二级节点建设：[yn:id_node]\n（二级节点服务领域：[o:id_node_scope:综合性]综合性[o:id_node_scope:行业性]行业性；建设期限：{id_node_period|20_ _年--20_ _年}）', '1.5平台安全防护能力\n□安全防护的功能模块及组件：{sec_modules_kinds}类，{sec_modules}个\n□平台安全防护工具库、病毒库、漏洞库：{sec_libs_kinds}类，{sec_libs}个\n□是否有安全防护的保障机制：[yn:sec_mechanism]\n□关键零部件是否安全可靠：[yn:parts_secure]\n（简要提供佐证材料）\n补充说明和分类详细介绍(介绍平台安全防护技术、功能模块或组件，以及安全防护机制，其它)\n', '2.平台服务能力（必填）', '2.1设备接入能力\n□可连接的工业设备种类：{device_kinds}类 {devices}个\n（包括设备、装置、产品等各类终端，将设备型号作为设备类型的统计标准，工业设备需可连接开关量或可连接运行参数）\n□设备数据采集点总数：{datapoints}个\n□可管理的工业设备：{managed_kinds}类，合计{managed}台\n□是否具备工业设备数据边缘计算功能：[yn:edge_computing]\n□其他：___________\n补充说明和分类详细介绍（具体接入及管理的设备类型、运行参数、边缘计算功能，以及面向的工业场景）：\n\n', '2.2行业软件部署能力\n□云化工业软件数量：{cloud_sw_kinds}类，{cloud_sw}个\n【软件类型：运营管理类（ERP、SCM、CRM等）、研发设计类（CAD、CAE、CAM等）、生产管理类（MES、APS等）、其它】\n□工业APP数量：{app_kinds}类，{apps}个\n（基于平台资源自主研发或由第三方研发的封装了工业知识、方法和技术的应用软件，如建模仿真优化、工艺和质量优化、供应链协同优化、远程故障诊断等，提供名称并简要说明工业APP功能）\n□工业软件和APP订阅企业数量：{sub_ent_kinds}类，{sub_ents}个\n□工业软件和APP订阅用户数量：{sub_user_kinds}类，{sub_users}个\n补充说明和分类详细介绍（具体应用服务类型、订阅类型；其它）\n\n□工业机理模型:{models_kinds}类，{models}个\n（融合了工业行业知识和数据科学的模型，简要说明每类机理模型可满足何种工业行业的何种应用场景）\n□数据分析算法:{algorithms}个\n□微服务组件数量：{microservices_kinds}类，{microservices}个\n（面向的工业场景类型）（微服务：封装了工业知识和算法，并且可以供开发者灵活调用的功能模块）\n□行业机理模型月平均调用次数：{model_calls}次\n□数据分析算法平均调用次数：{algorithm_calls}次\n□微服务组件月平均调用次数：{microservice_calls}次\n补充说明和分类详细介绍(具体的工业机理模型、微服务组件类型；其它)\n', '2.3行业用户覆盖能力（企业、双跨类企业不填）\n□平台用户总数：{users_total}个\n（平台注册用户数）\n□平台活跃用户数：{users_active}个\n（在线时长不少月10小时/月或登录不少于5次）\n□平台服务的企业用户数：{users_enterprises}个\n（需提供服务合同）\n补充说明和分类详细介绍（用户具体使用的资源信息、研发工具、业务系统、设备/产品运维、制造能力的类型，其它）：\n', '2.4应用开发支持能力\n□平台提供开发工具数量：{dev_tools}个\n□开发者连接总数量：{developers}个\n□第三方开发者连接数量：{third_party_devs}个\n□调用开发工具包开发者数量： {kit_devs}个\n□开发工具每月调用次数： {tool_calls}次\n□调用算法模型的开发者数量： {algo_devs}个\n□调用微服务组件开发者数量： {microservice_devs}个\n□是否具备图形化开发能力：[yn:graphical]\n\n补充说明和分类详细介绍（每类开发者具体调用了什么工具包、算法模型和微服务；如有调用其它类型服务的开发者，其它）：\n', '3.双跨服务能力（双跨类申报必填）', '3.1跨行业能力\n□平台覆盖的特定行业数：{industries}个\n（说明每个行业连接设备台数达{per_industry_devices}台，或有{per_industry_points}个数据采集地点）\n□工业模型可覆盖行业数：{model_industries}个\n（说明每行业工业模型数量达：{per_industry_models}个）\n□工业APP可覆盖行业数：{app_industries}个\n（说明每行业工业APP数量达：{per_industry_apps}个）\n□企业平台用户涵盖行业数：{user_industries}个\n（说明每个行业拥有企业用户数：{per_industry_users}家）', '3.2平台跨领域能力\n□平台服务领域：{domains}个\n（简要提供每个领域（如医药、船舶等）可提供的服务能力（如研发设计、供应链、生产制造））\n□每个分领域可提供{per_domain_models}个工业机理模型，{per_domain_apps}个工业APP\n（各领域分开写，如医药领域提供X个工业机理模型，Y个工业APP）\n□领域之间能实现数据的：[o:domain_data:打通]打通、[o:domain_data:集成]集成、[o:domain_data:共享]共享、[o:domain_data:其他]其他______\n□是否有区域企业规模化应用案例：[yn:regional_cases]\n补充说明和分类详细介绍（平台能够带动区域企业规模化应用，以及落地的应用服务，其它）：\n', '4.平台应用成效（必填）', '4.1平台规划投入\n□是否对平台有明确的研发和运营计划：[yn:has_plan]\n□平台运营主体应为：[o:operator:独立法人机构]独立法人机构、[o:operator:具有完整组织架构的集团独立部门]具有完整组织架构的集团独立部门、[o:operator:其他]其他________，人员数量：{staff}人\n□2017年平台投资金额：{invest_2017}万元\n□2017年平台营业收入： {revenue_2017}万元\n□2018年平台投资金额：{invest_2018}万元\n□2018年平台营业收入： {revenue_2018}万元\n□2019年平台投资金额：{invest_2019}万元\n□2019年（截止9月30日）平台营业收入： {revenue_2019}万元\n\n补充说明和分类详细介绍（主要投资方向、主要收入来源，其它）：\n', '4.2平台应用成效\n描述企业应用平台后，在劳动生产率提升、产品质量管控、工艺成熟优化、生产成本下降、能源高效利用等方面取得明显成效，以及取得直接经济效益。列举平台应在创新、设计、制造、服务等各类制造资源的整合和优化配置方面发挥突出作用。\n{#effect}']

# ---- codes (GB 32100-2015 credit code, GB 11714 organization code) ----
CREDIT_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_W = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
ORG_W = [3, 7, 9, 10, 5, 8, 4, 2]


def org_check(body8):
    s = sum(int(c, 36) * w for c, w in zip(body8, ORG_W))
    c = 11 - s % 11
    return "X" if c == 10 else "0" if c == 11 else str(c)


def credit_code(region, body8):
    org = body8 + org_check(body8)
    body = "91" + region + org
    s = sum(CREDIT_CHARS.index(c) * w for c, w in zip(body, CREDIT_W))
    return body + CREDIT_CHARS[(31 - s % 31) % 31]


# ---- values of a platform well above every bound of 跨行业跨领域 ----
def base_platform(name, region, org8, city_area, direction):
    code = credit_code(region, org8)
    v = {
        "applicant": name, "legal_rep": "顾承泽", "recommender": "",
        "apply_date": "2019年11月6日", "direction": direction,
        "cc_enterprise": name, "credit_code": code, "location": city_area,
        "basis": "苏工信融合〔2019〕605号", "responsible": "沈若岚",
        "responsible_phone": "13962781406", "commit_date": "2019年11月6日",
        "enterprise": name, "org_code": code[8:17], "founded": "2009年4月17日",
        "address": city_area + "青年东路188号", "contact_name": "沈若岚",
        "contact_phone": "0513-85216730", "contact_title": "信息中心主任",
        "contact_mobile": "13962781406", "contact_fax": "0513-85216731",
        "contact_email": "shenrl@lanting-iot.cn", "total_assets": "68500",
        "debt_ratio": "41%", "credit_rating": "AA", "last_sales": "52300",
        "last_tax": "2140", "last_profit": "4680",
        "profitable_3y": "是", "revenue_rank_pct": "12", "top10": "否",
        "has_strategy": "是", "rd_ratio": "7",
        "platform_name": name[2:4] + "工业互联网平台", "builder": name,
        "build_time": "2016年3月--2019年6月", "platform_invest": "4800万元",
        "build_mode": "自建", "iaas": "租用", "iaas_provider": "天翼云",
        "has_industrial_net": "是", "net_interconnect": "是", "protocols": "14",
        "networks": "6", "data_kinds": "26", "edge_preprocess": "是",
        "edge_apps_enabled": "是", "edge_apps": "7", "control_systems": "11",
        "storage_infra": "是", "cloud_arch": "是", "cloud_types": "公有云,混合云",
        "cloud_open": "是", "db_kinds": "5", "resource_mgmt": "是", "fault_alarm": "是",
        "data_integration": "是", "runtime_arch": "Kubernetes", "runtime_caps": "6",
        "user_mgmt_kinds": "4", "cloud_integration": "是", "data_volume": "130TB",
        "data_func_kinds": "5", "realtime_gbps": "6", "max_concurrency": "15000",
        "response_ms": "40", "bandwidth": "1000", "languages": "5",
        "paas_dev_tools": "4", "paas_tool_calls": "4700", "general_algorithms": "76",
        "general_algorithm_calls": "2600", "xp_models_kinds": "5", "xp_models": "210",
        "xp_microservices_kinds": "4", "xp_microservices": "60", "xp_apps_kinds": "6",
        "xp_apps": "88", "iaas_components_kinds": "3", "iaas_components": "12",
        "data_modeling": "是", "full_software": "是", "sw_interface": "是",
        "sw_cloudify": "是", "multi_models": "是", "microservice_kinds": "6",
        "multi_apps": "是", "app_market": "是", "dev_community": "否",
        "oss_community": "否", "mgmt_functions": "开发,部署,交付",
        "new_tech": "人工智能", "new_tech_functions": "14", "id_node": "否",
        "sec_modules_kinds": "4", "sec_modules": "18", "sec_libs_kinds": "3",
        "sec_libs": "9", "sec_mechanism": "是", "parts_secure": "是",
        "device_kinds": "35", "devices": "6200", "datapoints": "42000",
        "managed_kinds": "4", "managed": "2600", "edge_computing": "是",
        "cloud_sw_kinds": "5", "cloud_sw": "36", "app_kinds": "6", "apps": "88",
        "sub_ent_kinds": "4", "sub_ents": "3600", "sub_user_kinds": "5",
        "sub_users": "7300", "models_kinds": "5", "models": "210", "algorithms": "76",
        "microservices_kinds": "6", "microservices": "140", "model_calls": "2400",
        "algorithm_calls": "2600", "microservice_calls": "5100",
        "users_total": "", "users_active": "", "users_enterprises": "",
        "dev_tools": "4", "developers": "2400", "third_party_devs": "760",
        "kit_devs": "1300", "tool_calls": "4700", "algo_devs": "520",
        "microservice_devs": "430", "graphical": "是",
        "industries": "5", "per_industry_devices": "1300", "per_industry_points": "6500",
        "model_industries": "5", "per_industry_models": "12", "app_industries": "4",
        "per_industry_apps": "18", "user_industries": "4", "per_industry_users": "9",
        "domains": "4", "per_domain_models": "35", "per_domain_apps": "14",
        "domain_data": "打通,集成,共享", "regional_cases": "是", "has_plan": "是",
        "operator": "独立法人机构", "staff": "85",
        "invest_2017": "1200", "revenue_2017": "800", "invest_2018": "1500",
        "revenue_2018": "1300", "invest_2019": "900", "revenue_2019": "1100",
        "id_node_scope": "", "id_node_period": "",
    }
    if direction != "跨行业跨领域":
        for k in ("industries", "per_industry_devices", "per_industry_points",
                  "model_industries", "per_industry_models", "app_industries",
                  "per_industry_apps", "user_industries", "per_industry_users",
                  "domains", "per_domain_models", "per_domain_apps", "domain_data",
                  "regional_cases"):
            v[k] = ""  # 3.双跨服务能力: 双跨类申报必填, left blank by the others
    if direction == "行业级":
        v.update(users_total="5200", users_active="1900", users_enterprises="340")
    return v


PROSE = {
    "intro": "公司成立于2009年，专注于纺织、机械行业的设备联网与数据服务，现有员工三百余人，"
             "其中研发人员一百二十人。平台已服务区域内四百余家中小企业。",
    "effect": "应用企业设备综合效率平均提升百分之十二，单位产品能耗下降百分之八。",
    "cases": "在一家纺纱企业部署细纱机断头监测，断头处理时间由十五分钟缩短到四分钟。",
    "regional": "与所在区政府合作开展企业上云行动，两年内带动二百余家企业接入平台。",
    "architecture": "平台分为边缘层、IaaS层、PaaS层和应用层，边缘网关负责协议解析和数据预处理。",
    "plan": "下一步完善开发者社区，开放模型训练工具，拓展印染和注塑两个行业。",
}


def fill_line(v, line, keep_blanks=False):
    """A printed line with its blanks and boxes filled as a person would type them."""
    out, i = "", 0
    while i < len(line):
        if line.startswith("{#", i):
            j = line.index("}", i)
            out += PROSE[line[i + 2:j]]
            i = j + 1
        elif line[i] == "{":
            j = line.index("}", i)
            key, _, placeholder = line[i + 1:j].partition("|")
            val = "" if keep_blanks else v.get(key, "")
            out += val if val else placeholder or "________"
            i = j + 1
        elif line.startswith("[yn:", i):
            j = line.index("]", i)
            val = v.get(line[i + 4:j], "")
            out += ("☑" if val == "是" else "□") + "是 " + ("☑" if val == "否" else "□") + "否"
            i = j + 1
        elif line.startswith("[o:", i):
            j = line.index("]", i)
            key, opt = line[i + 3:j].split(":", 1)
            out += "☑" if opt in v.get(key, "").split(",") else "□"
            i = j + 1
        else:
            out += line[i]
            i += 1
    return out


def cell_lines(cell, lines, bold_first=False):
    cell.paragraphs[0].text = ""
    for n, line in enumerate(lines):
        p = cell.paragraphs[0] if n == 0 else cell.add_paragraph()
        run = p.add_run(line)
        run.bold = bold_first and n == 0


def table(d, rows, cols):
    t = d.add_table(rows=0, cols=cols)
    t.style = "Table Grid"
    for r in rows:
        cells = t.add_row().cells
        for c, text in enumerate(r):
            cell_lines(cells[c], text.split("\n") if text else [""])
    return t


def answer_key(answers, line):
    """The longest prefix of answers that the printed line starts with, or None
    (□数据分析算法 and □数据分析算法平均调用次数 are two lines)."""
    keys = [p for p in answers if line.startswith(p)]
    return max(keys, key=len) if keys else None


def platform_form(v, answers=None):
    """附件1 filled from v.  answers: {line prefix: (how, text)} for 2.1/2.2 lines,
    how = "beside" (the answer in a right-hand cell), "next" (the next paragraph)
    or "over" (the blanks replaced by text typed over them)."""
    answers = answers or {}
    d = docx.Document()
    d.core_properties.created = FIXED
    d.core_properties.modified = FIXED
    d.core_properties.author = "Administrator"
    d.styles["Normal"].font.size = Pt(10.5)
    d.add_paragraph("")
    title = d.add_paragraph()
    title.add_run("江苏省重点工业互联网平台申报书").bold = True
    dirs = ["跨行业跨领域", "行业级", "企业级"]
    table(d, [("申报单位（盖章）：", v["applicant"]),
              ("申报类别：", "\n".join(("☑" if x == v["direction"] else "□") + x + "工业互联网平台"
                                      for x in dirs)),
              ("法人代表：", v["legal_rep"]), ("推荐单位（盖章）：", v["recommender"]),
              ("申报日期：", v["apply_date"])], 2)
    d.add_paragraph("江苏省工业和信息化厅编制")
    d.add_page_break()
    d.add_paragraph("江苏省工业互联网发展示范企业申报\n信用承诺书")
    table(d, [("企业名称\n（加盖公章）", v["cc_enterprise"], "统一社会信用\n代码", v["credit_code"]),
              ("企业所在地", v["location"], "申报依据", v["basis"]),
              ("申报责任人", v["responsible"], "联系电话", v["responsible_phone"]),
              ("申报单位承诺:\n1.本单位自 2017 年 1 月 1 日至 2019 年 10 月 31 日期间信用状况良好，"
               "无严重失信行为。\n2.申报的所有材料均依据相关申报要求,据实提供。\n"
               "申报责任人（签名）\n法定代表人（签名）\n日期：" + v["commit_date"], "", "", "")], 4)
    d.add_page_break()
    d.add_paragraph("一、企业基本信息")
    table(d, [("企业名称", v["enterprise"], "", "", ""),
              ("组织机构代码", v["org_code"], "", "成立时间", v["founded"]),
              ("单位地址", v["address"], "", "", ""),
              ("联系人", "姓名", v["contact_name"], "电话", v["contact_phone"]),
              ("联系人", "职务", v["contact_title"], "手机", v["contact_mobile"]),
              ("联系人", "传真", v["contact_fax"], "E-mail", v["contact_email"]),
              ("总资产（万元）", v["total_assets"], "", "负债率", v["debt_ratio"]),
              ("信用等级", v["credit_rating"], "", "上年销售（万元）", v["last_sales"]),
              ("上年税金（万元）", v["last_tax"], "", "上年利润（万元）", v["last_profit"]),
              ("企\n业\n简\n介", "（限1000字）\n（一）申报单位情况介绍\n（二）申报单位核心竞争力介绍\n"
               + PROSE["intro"], "", "", "")], 5)
    d.add_page_break()
    d.add_paragraph("二、工业互联网平台申报材料")
    d.add_paragraph("（一）企业经营情况")
    table(d, [(fill_line(v, row),) for row in OPS], 1)
    d.add_paragraph("（二）工业互联网平台基本信息")
    table(d, [("平台名称", v["platform_name"]), ("建设主体", v["builder"]),
              ("建设时间", v["build_time"]), ("投资金额", v["platform_invest"]),
              ("建设方式", fill_line(v, "[o:build_mode:自建]自建")),
              ("", fill_line(v, "[o:build_mode:合作共建]合作共建\n请注明合作企业名称{partner}")),
              ("IaaS基础设施", fill_line(v, "[o:iaas:自建]自建")),
              ("", fill_line(v, "[o:iaas:租用]租用\n请注明服务商名称{iaas_provider}"))], 2)
    d.add_paragraph("（三）工业互联网平台能力介绍")
    d.add_paragraph("（请填写本通知发布时间前统计的数据，相关证明材料放入第（八）部分）")
    beside = any(how in ("beside", "both") for how, _ in answers.values())
    t = d.add_table(rows=0, cols=1)
    t.style = "Table Grid"
    for row in CAPS:
        lines = row.split("\n")
        zone = row.startswith("2.1") or row.startswith("2.2")
        if zone and beside:
            # 2.1/2.2 as the unit retyped it: each printed line on the left, answers right
            t2 = d.add_table(rows=0, cols=2)
            t2.style = "Table Grid"
            for line in lines:
                if not line:
                    continue
                how, text = answers.get(answer_key(answers, line), (None, None))
                cells = t2.add_row().cells
                if how in ("beside", "both"):
                    # "both": the blanks filled too, and the answer written again beside
                    cell_lines(cells[0], [fill_line(v, line, keep_blanks=how == "beside")])
                    cell_lines(cells[1], [text])
                else:
                    cell_lines(cells[0], [fill_line(v, line)])
            t = d.add_table(rows=0, cols=1)
            t.style = "Table Grid"
            continue
        out = []
        for line in lines:
            key = answer_key(answers, line) if zone else None
            if key is None:
                out.append(fill_line(v, line))
            elif answers[key][0] == "next":
                out.append(fill_line(v, line, keep_blanks=True))
                out.append(answers[key][1])
            else:  # "over": the printed line as the person retyped it
                out.append(answers[key][1])
        cell_lines(t.add_row().cells[0], out, bold_first=len(lines) == 1)
    for head, text, key in (
            ("（四）工业互联网平台应用案例和效果（必填）", "选择工业互联网平台应用的几个特定工业场景，"
             "并描述相关使用情况和应用效果：", "cases"),
            ("（五）工业互联网平台区域落地情况（必填）", "描述工业互联网平台在地方落地情况：", "regional"),
            ("（六）工业互联网平台技术架构（必填）", "工业互联网平台的技术架构及方案介绍（限1500字）",
             "architecture"),
            ("（七）工业互联网平台下一步发展计划", "工业互联网平台下一步研发和运营计划（限2500字）", "plan")):
        d.add_paragraph(head)
        table(d, [(text + "\n" + PROSE[key],)], 1)
    return d


def fix_zip(path):
    """Rewrite the package with fixed entry times (and no tool-set 'modified'
    date), so that a rerun of this script writes the same bytes."""
    with zipfile.ZipFile(path) as z:
        parts = [(i.filename, z.read(i.filename)) for i in z.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts:
            if name == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2019-11-18T09:30:00Z", data)
                data = re.sub(rb"(<dcterms:created[^>]*>)[^<]*", rb"\g<1>2019-11-18T09:30:00Z", data)
            info = zipfile.ZipInfo(name, date_time=FIXED.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)


def save_docx(d, path):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    d.save(path)
    fix_zip(path)


# ---- 附件5 ----
PLAT_HEAD = ["序号", "申报企业名称", "项目方向", "项目名称", "联系人", "联系方式（手机）", "项目所在地",
             "是否省先进制造业集群"]
FACT_HEAD = ["序号", "申报企业名称", "所属行业", "项目名称", "联系人", "联系方式（手机）", "项目所在地",
             "是否省先进制造业集群"]
SYN = {"序号": "序 号", "申报企业名称": "企业名称", "联系方式（手机）": "联系电话", "项目方向": "申报方向"}
NOTE_PLAT = ("说明：\n1、申报方向指企业级、行业级、跨行业跨领域和重点培育四个方向。\n"
             "2、“是否省先进制造业集群”栏目，如果属于省先进制造业集群，请填写集群名称，如果不是，填写“否”。")
NOTE_FACT = ("说明：\n1、所属行业指流程行业和离散行业。\n"
             "2、“是否省先进制造业集群”栏目，如果属于省先进制造业集群，请填写集群名称，如果不是，填写“否”。")
TITLE_PLAT = "江苏省重点工业互联网平台申报情况汇总表"
TITLE_FACT = "江苏省工业互联网标杆工厂申报情况汇总表"


def sheet_table(ws, top, title, bureau, head, rows, note):
    """One table from row top: 附件5, the title, the 推荐单位 line, header, rows, 说明."""
    ws.cell(top, 1, "附件5")
    ws.cell(top + 1, 1, title)
    ws.merge_cells(start_row=top + 1, start_column=1, end_row=top + 1, end_column=8)
    ws.cell(top + 2, 1, "推荐单位（盖章）：" + bureau)
    ws.merge_cells(start_row=top + 2, start_column=1, end_row=top + 2, end_column=8)
    for c, h in enumerate(head):
        ws.cell(top + 3, c + 1, h)
    for r, row in enumerate(rows):
        for c, x in enumerate(row):
            ws.cell(top + 4 + r, c + 1, x)
    last = top + 4 + len(rows)
    ws.cell(last, 1, note)
    ws.merge_cells(start_row=last, start_column=1, end_row=last, end_column=8)
    return last + 1


def new_workbook():
    wb = openpyxl.Workbook()
    wb.properties.created = FIXED
    wb.properties.modified = FIXED
    wb.properties.creator = "Administrator"
    return wb


def save_xlsx(wb, path):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    wb.save(path)
    fix_zip(path)


def summary_row(seq, v, direction, cluster="否"):
    return [seq, v["enterprise"], direction, v["platform_name"], v["contact_name"],
            v["contact_mobile"], v["location"], cluster]


FACTORY_ROW = ["江苏栖霞岭精密轴承有限公司", "离散行业", "精密轴承数字化车间项目", "魏晨曦", "15861273094"]


# ---- the cases ----
def bundle_dir(case, unit):
    return os.path.join(HERE, case, "inbox", unit + "工信局-2019年示范企业申报材料")


def plain_summary(path, bureau, rows):
    wb = new_workbook()
    sheet_table(wb.active, 1, TITLE_PLAT, bureau, PLAT_HEAD, rows, NOTE_PLAT)
    save_xlsx(wb, path)


def platforms(case, unit, bureau, apps):
    """apps: [(values, answers, 附件5 direction)]: forms in numbered folders, one 附件5."""
    b = bundle_dir(case, unit)
    rows = []
    for n, (v, answers, listed_as) in enumerate(apps, 1):
        v["recommender"] = bureau
        save_docx(platform_form(v, answers), os.path.join(b, "%d、%s" % (n, v["enterprise"]),
                                                          "江苏省重点工业互联网平台申报书.docx"))
        rows.append(summary_row(n, v, listed_as))
    return b, rows


def case_a():
    # a. both 附件5 tables in one file: two sheets / one sheet / one .docx
    fact = lambda seq: [seq] + FACTORY_ROW[:5] + ["常州市新北区", "否"]
    v = base_platform("常州砚溪数联科技有限公司", "320411", "31482607", "常州市新北区", "行业级")
    b, rows = platforms("a-summary-two-sheets", "常州市", "常州市工业和信息化局", [(v, None, "重点培育")])
    wb = new_workbook()
    ws = wb.active
    ws.title = "平台"
    syn = [SYN.get(h, h) for h in PLAT_HEAD]
    sheet_table(ws, 1, TITLE_PLAT, "常州市工业和信息化局", syn, rows, NOTE_PLAT)
    ws = wb.create_sheet("标杆工厂")
    sheet_table(ws, 1, TITLE_FACT, "常州市工业和信息化局", [SYN.get(h, h) for h in FACT_HEAD],
                [fact(1)], NOTE_FACT)
    save_xlsx(wb, os.path.join(b, "附件5 汇总表（平台、标杆工厂）.xlsx"))

    v = base_platform("泰州渚清工业软件有限公司", "321202", "50937162", "泰州市海陵区", "企业级")
    b, rows = platforms("a-summary-one-sheet", "泰州市", "泰州市工业和信息化局", [(v, None, "重点培育")])
    wb = new_workbook()
    ws = wb.active
    ws.title = "Sheet1"
    head = list(PLAT_HEAD)
    head[0] = "序 号"
    nxt = sheet_table(ws, 1, TITLE_PLAT, "泰州市工业和信息化局", head, rows, NOTE_PLAT)
    factory = [fact(1)]
    factory[0][1] = "泰州临皋新材料有限公司"
    factory[0][6] = "泰州市海陵区"
    sheet_table(ws, nxt + 2, TITLE_FACT, "泰州市工业和信息化局", FACT_HEAD, factory, NOTE_FACT)
    save_xlsx(wb, os.path.join(b, "附件5.xlsx"))

    v = base_platform("宿迁汀兰智能装备有限公司", "321302", "72615830", "宿迁市宿城区", "企业级")
    b, rows = platforms("a-summary-docx", "宿迁市", "宿迁市工业和信息化局", [(v, None, "重点培育")])
    d = docx.Document()
    d.core_properties.created = FIXED
    d.core_properties.modified = FIXED
    for title, head, trows, note in (
            (TITLE_PLAT, [SYN.get(h, h) for h in PLAT_HEAD], rows, NOTE_PLAT),
            (TITLE_FACT, [SYN.get(h, h) for h in FACT_HEAD],
             [[1, "宿迁鹭屿食品机械有限公司"] + FACTORY_ROW[1:5] + ["宿迁市宿豫区", "否"]], NOTE_FACT)):
        d.add_paragraph("附件5：")
        d.add_paragraph(title)
        d.add_paragraph("推荐单位（盖章）：宿迁市工业和信息化局")
        table(d, [head] + [[str(x) for x in r] for r in trows], 8)
        d.add_paragraph(note)
        d.add_paragraph("")
    save_docx(d, os.path.join(b, "附件5 申报情况汇总表.docx"))


ANSWER_LINES = ["□可连接的工业设备种类", "□设备数据采集点总数", "□可管理的工业设备", "□云化工业软件数量",
                "□工业APP数量", "□工业软件和APP订阅企业数量", "□工业软件和APP订阅用户数量",
                "□工业机理模型", "□数据分析算法", "□微服务组件数量", "□行业机理模型月平均调用次数",
                "□数据分析算法平均调用次数", "□微服务组件月平均调用次数"]


def case_b():
    # b. answers beside the blanks: right-hand cell, next paragraph, a pair in one place
    v = base_platform("扬州筠泽物联科技有限公司", "321002", "64093185", "扬州市邗江区", "跨行业跨领域")
    texts = ["32类 5600个", "36000个", "３类，２０００台", "4类，25个", "5类，60个", "3类，3200个",
             "4类，5600个", "4类，160个", "55个", "6类，90个", "1500次", "1600次", "3000次"]
    b, rows = platforms("b-answer-beside", "扬州市", "扬州市工业和信息化局",
                        [(v, {p: ("beside", t) for p, t in zip(ANSWER_LINES, texts)}, "跨行业跨领域")])
    plain_summary(os.path.join(b, "附件5 江苏省重点工业互联网平台申报情况汇总表.xlsx"),
                  "扬州市工业和信息化局", rows)

    # both places written: they agree (datapoints) or they do not (managed: 2600 in the
    # blanks, 2100 beside) - a VALUE_CONFLICT, never a silent choice
    v = base_platform("扬州荻港智能科技有限公司", "321002", "64093193", "扬州市江都区", "企业级")
    b, rows2 = platforms("b-answer-beside", "扬州市", "扬州市工业和信息化局",
                         [(v, {"□设备数据采集点总数": ("both", "42000个"),
                               "□可管理的工业设备": ("both", "4类，合计2100台")}, "企业级")])
    os.rename(os.path.join(b, "1、扬州荻港智能科技有限公司"), os.path.join(b, "2、扬州荻港智能科技有限公司"))
    rows2[0][0] = 2
    plain_summary(os.path.join(b, "附件5 江苏省重点工业互联网平台申报情况汇总表.xlsx"),
                  "扬州市工业和信息化局", rows + rows2)

    v = base_platform("盐城澈岚云控科技有限公司", "320902", "27350948", "盐城市亭湖区", "行业级")
    texts = ["12类 1800个", "9000个", "5类，650台", "3类，12个", "4类，45个", "2类，160个",
             "3类，420个", "3类，70个", "28个", "4类，36个", "760次", "820次", "1500次"]
    b, rows = platforms("b-answer-next-paragraph", "盐城市", "盐城市工业和信息化局",
                        [(v, {p: ("next", t) for p, t in zip(ANSWER_LINES, texts)}, "行业级")])
    plain_summary(os.path.join(b, "附件5 江苏省重点工业互联网平台申报情况汇总表.xlsx"),
                  "盐城市工业和信息化局", rows)

    v = base_platform("连云港屿舟数字技术有限公司", "320706", "83920471", "连云港市海州区", "跨行业跨领域")
    over = {"□工业APP数量": ("over", "□工业APP数量：三十类，1200个"),
            "□云化工业软件数量": ("over", "□云化工业软件数量：6类/48个"),
            "□可管理的工业设备": ("over", "□可管理的工业设备：四类，合计2300台")}
    b, rows = platforms("b-pair-one-place", "连云港市", "连云港市工业和信息化局",
                        [(v, over, "跨行业跨领域")])
    plain_summary(os.path.join(b, "附件5 江苏省重点工业互联网平台申报情况汇总表.xlsx"),
                  "连云港市工业和信息化局", rows)


def case_c():
    # c. open cells: 建设时间 a month, a year, a day; 投资金额 with or without a unit
    apps = []
    for name, org, bt, inv in (("南京栾川精控科技有限公司", "40718263", "2017年9月", "3500"),
                               ("南京苇岸数据服务有限公司", "40718271", "2016年", "12,000,000元"),
                               ("南京澄霁智造科技有限公司", "40718298", "2018.05.20", "1.2亿元"),
                               # text that answers nothing stays VALUE_UNREADABLE
                               ("南京砚山软件技术有限公司", "40718301", "2015年8月", "详见附件")):
        v = base_platform(name, "320106", org, "南京市鼓楼区", "企业级")
        v.update(build_time=bt, platform_invest=inv)
        apps.append((v, None, "企业级"))
    b, rows = platforms("c-open-cells", "南京市", "南京市工业和信息化局", apps)
    plain_summary(os.path.join(b, "附件5 江苏省重点工业互联网平台申报情况汇总表.xlsx"),
                  "南京市工业和信息化局", rows)


def case_d():
    # d. a credit code whose check character is wrong, shown as written
    v = base_platform("镇江岫云工业智能有限公司", "321102", "58203746", "镇江市京口区", "企业级")
    good = v["credit_code"]
    bad = good[:17] + CREDIT_CHARS[(CREDIT_CHARS.index(good[17]) + 7) % 31]
    v["credit_code"] = bad
    b, rows = platforms("d-credit-code-as-written", "镇江市", "镇江市工业和信息化局", [(v, None, "企业级")])
    plain_summary(os.path.join(b, "附件5 江苏省重点工业互联网平台申报情况汇总表.xlsx"),
                  "镇江市工业和信息化局", rows)
    return bad


def case_e():
    # e. a blank figure in a （必填） section; sections the form says to leave blank
    e1 = base_platform("淮安沁川智慧能源有限公司", "320812", "67401925", "淮安市清江浦区", "行业级")
    e1["managed"] = ""
    e2 = base_platform("淮安芷汀电子科技有限公司", "320812", "67401933", "淮安市清江浦区", "企业级")
    e3 = base_platform("淮安望舒工业互联网有限公司", "320812", "67401941", "淮安市清江浦区", "跨行业跨领域")
    b, rows = platforms("e-blank-required-figure", "淮安市", "淮安市工业和信息化局",
                        [(e1, None, "行业级"), (e2, None, "企业级"), (e3, None, "跨行业跨领域")])
    plain_summary(os.path.join(b, "附件5 江苏省重点工业互联网平台申报情况汇总表.xlsx"),
                  "淮安市工业和信息化局", rows)


def case_f():
    # f. the box-answered requirements of 附件3 as gates, each one below
    apps = []
    for name, org, direction, change in (
            ("常州蔚蓝智联科技有限公司", "91826304", "企业级", {"sw_interface": "否"}),
            ("常州鹤洲数据科技有限公司", "91826312", "跨行业跨领域", {"domain_data": "打通,集成"}),
            ("常州青萍工业软件有限公司", "91826320", "行业级", {"operator": "其他"}),
            ("常州朗月机电科技有限公司", "91826339", "跨行业跨领域", {"has_plan": "否"}),
            ("常州疏影智能制造有限公司", "91826347", "行业级", {"fault_alarm": "否"}),
            ("常州檀溪云计算有限公司", "91826355", "跨行业跨领域", {"cloud_types": "私有云"}),
            ("常州松涛精密制造有限公司", "91826363", "企业级", {})):
        v = base_platform(name, "320411", org, "常州市武进区", direction)
        v.update(change)
        apps.append((v, None, direction))
    b, rows = platforms("f-box-gates", "常州市", "常州市工业和信息化局", apps)
    plain_summary(os.path.join(b, "附件5 江苏省重点工业互联网平台申报情况汇总表.xlsx"),
                  "常州市工业和信息化局", rows)


CASES = ["a-summary-two-sheets", "a-summary-one-sheet", "a-summary-docx", "b-answer-beside",
         "b-answer-next-paragraph", "b-pair-one-place", "c-open-cells", "d-credit-code-as-written",
         "e-blank-required-figure", "f-box-gates"]


def dump():
    for case in CASES:
        for root, _, files in sorted(os.walk(os.path.join(HERE, case, "inbox"))):
            for f in sorted(files):
                path = os.path.join(root, f)
                print("=====", os.path.relpath(path, HERE))
                if f.endswith(".xlsx"):
                    for ws in openpyxl.load_workbook(path):
                        print("-- sheet", ws.title)
                        for row in ws.iter_rows(values_only=True):
                            print(" | ".join("" if c is None else str(c) for c in row))
                else:
                    d = docx.Document(path)
                    body = d.element.body
                    for child in body.iterchildren():
                        if child.tag.endswith("}p"):
                            text = "".join(t.text or "" for t in child.iter() if t.tag.endswith("}t"))
                            if text:
                                print(text)
                        elif child.tag.endswith("}tbl"):
                            for tr in child.iter():
                                if not tr.tag.endswith("}tr"):
                                    continue
                                cells = []
                                for tc in tr.iterchildren():
                                    if tc.tag.endswith("}tc"):
                                        cells.append(" / ".join(
                                            "".join(t.text or "" for t in p.iter() if t.tag.endswith("}t"))
                                            for p in tc.iterchildren() if p.tag.endswith("}p")))
                                print("[" + " || ".join(cells) + "]")


def main():
    if sys.argv[1:] == ["--dump"]:
        dump()
        return
    for case in CASES:
        shutil.rmtree(os.path.join(HERE, case, "inbox"), ignore_errors=True)
    case_a()
    case_b()
    case_c()
    print("d: the written credit code is", case_d())
    case_e()
    case_f()


if __name__ == "__main__":
    main()
