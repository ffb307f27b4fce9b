"""Questions about documents of other regions' templates, ingested afresh: each answer holds the
figure the document prints (or only states in its text) and cites the page it is on."""

from pathlib import Path

import pytest

from caiwen.service.planner import Scope
from tests.support import Ingested

pytestmark = pytest.mark.national_corpus

DOCUMENTS = [
    "003_深圳/2026年深圳市人民政府国有资产监督管理委员会部门预算.pdf",
    "003_深圳/2026年深圳市司法局部门预算.pdf",
    "004_重庆/2026年重庆市规划和自然资源局部门预算.pdf",
    "000_江苏省/江苏省政协办公厅/江苏省政协办公厅2018年度部门预算.pdf",
    "000_江苏省/江苏省人大办公厅/省人大办公厅2018预算公开.pdf",
    "004_重庆/2026年重庆市人民政府办公厅部门预算.pdf",
    "003_深圳/2026年深圳市政府办公厅部门预算.pdf",
    "014_无锡/商务局_2026年部门预算.pdf",
    "008_杭州/2026年杭州市公安局部门预算.pdf",
    "002_北京/2026年北京市统计局部门预算.pdf",
    "002_北京/2026年北京市人民政府办公厅部门预算.pdf",
    "025_烟台/2026年烟台市民政局部门预算.pdf",
    "003_深圳/2026年深圳市信访局部门预算.pdf",
    "014_无锡/水务局_2026年部门预算.pdf",
    "025_烟台/2026年烟台市司法局部门预算.pdf",
    "003_深圳/2026年深圳市审计局部门预算.pdf",
    "014_无锡/信访局_2026年部门预算.pdf",
    "003_深圳/2026年深圳市建筑工务署部门预算.pdf",
    "025_烟台/2026年烟台市教育局部门预算.pdf",
    "003_深圳/2026年深圳市宣传部部门预算.pdf",
    "025_烟台/2026年烟台市宣传部部门预算.pdf",
    "002_北京/2026年北京市教育委员会部门预算.pdf",
    "001_上海/2026年上海市交通运输局_部门预算.pdf",
    "001_上海/2026年上海市司法局_部门预算.pdf",
    "025_烟台/2026年烟台市自然资源和规划局部门预算.pdf",
    "003_深圳/2026年深圳市财政局部门预算.pdf",
    "003_深圳/2026年深圳市气象局部门预算.pdf",
    "025_烟台/2026年烟台市统计局部门预算.pdf",
    "008_杭州/2026年杭州市交通运输局部门预算.pdf",
    "008_杭州/2026年杭州市司法局部门预算.pdf",
    "079_湖州/2026年湖州市交通运输局部门预算.pdf",
    "000_江苏省/江苏省人民检察院/2019年度部门预算公开.pdf",
    "040_长春/2026年长春市信访局部门预算.pdf",
    "015_长沙/2026年长沙市公安局2025年部门预算.pdf",
    "077_珠海/2026年珠海市商务局部门预算.pdf",
    "004_重庆/2026年重庆市水利局部门预算.pdf",
    "025_烟台/2026年烟台市大数据局部门预算.pdf",
    "025_烟台/2026年烟台市科技创新局部门预算.pdf",
    "017_福州/2026年福州市医疗保障局部门预算.pdf",
    "017_福州/公安局交通警察局_2026年部门预算.pdf",
    "014_无锡/人力资源和社会保障局_2026年部门预算.pdf",
    "015_长沙/2026年长沙市信访局部门预算.pdf",
    "014_无锡/2026年无锡市统计局部门预算.pdf",
    "000_江苏省/江苏省委办公厅/江苏省委办公厅2019年度部门预算公开文件.pdf",
    "001_上海/2026年上海市卫生健康委员会_部门预算.pdf",
    "014_无锡/2026年无锡市住房和建设局部门预算.pdf",
    "000_江苏省/江苏省政协办公厅/江苏省政协办公厅2017年度部门预算.pdf",
    "000_江苏省/江苏省政协办公厅/2017年度部门预算公开表.pdf",
    "017_福州/2026年福州市科技创新局部门预算.pdf",
    "000_江苏省/江苏省委办公厅/江苏省委办公厅2017年部门预算.pdf",
    "000_江苏省/江苏省委办公厅/江苏省委办公厅2017年预算公开表格.pdf",
    "002_北京/2026年北京市规划和自然资源委员会部门预算.pdf",
    "003_深圳/2026年深圳市科技创新局部门预算.pdf",
    "021_泉州/2026年泉州市公安局部门预算.pdf",
    "000_江苏省/江苏省委办公厅/江苏省委办公厅2019年度部门预算公开表格.pdf",
    "002_北京/2026年北京市公安局交通管理局部门预算.pdf",
    "079_湖州/2026年湖州市财政局部门预算.pdf",
    "002_北京/2026年北京市财政局部门预算.pdf",
    "003_深圳/2026年深圳市退役军人事务局部门预算.pdf",
    "003_深圳/2026年深圳市卫生健康委员会部门预算.pdf",
    "003_深圳/2026年深圳市民政局部门预算.pdf",
    "001_上海/2026年上海市规划和自然资源局_部门预算.pdf",
    "003_深圳/2026年深圳市交通运输局部门预算.pdf",
    "000_江苏省/江苏省政协办公厅/江苏省政协办公厅2018度部门预算公开表.pdf",
    "002_北京/2026年北京市宣传部部门预算.pdf",
    "002_北京/2026年北京市交通委员会部门预算.pdf",
    "003_深圳/2026年深圳市住房和建设局部门预算.pdf",
    "003_深圳/2026年深圳市统计局部门预算.pdf",
    "002_北京/2026年北京市水务局部门预算.pdf",
    "000_江苏省/江苏省高级人民法院/省法院2017年度部门预算公开.pdf",
    "001_上海/2026年上海市文化广电旅游体育局_部门预算.pdf",
    "001_上海/2026年上海市应急管理局_部门预算.pdf",
    "001_上海/2026年上海市发展和改革局_部门预算.pdf",
    "郑州市-国土资源局土地储备中心-2015-部门预算.html",
    "002_北京/2026年北京市人力资源和社会保障局部门预算.pdf",
    "025_烟台/2026年烟台市商务局部门预算.pdf",
    "003_深圳/2026年深圳市工业和信息化局部门预算.pdf",
    "000_江苏省/江苏省委办公厅/江苏省委办公厅2018年度部门预算公开文件.pdf",
    "000_江苏省/江苏省委办公厅/江苏省委办公厅2018年度部门预算公开表.pdf",
    "000_江苏省/江苏省高级人民法院/江苏省高级人民法院2019年度部门预算公开.pdf",
    "001_上海/2026年上海市信访局_部门预算.pdf",
    "017_福州/2026年福州市商务局部门预算.pdf",
]

# (question, figures the answer must hold, the page of the figure asked: one of the pages cited,
# since an answer that states the whole first cites the whole first)
CASES = [
    # a table keyed twice (部门 and 政府 经济分类 side by side) prints a line once in each block
    # of its second key: the line is their sum, each block's row said
    (
        "烟台市司法局今年差旅费预算多少",
        ["差旅费为12.20万元", "机关商品和服务支出12.00", "对事业单位经常性补助0.20"],
        None,
    ),
    # and asked by the blocks it is printed in, divided into them
    (
        "烟台市司法局今年差旅费预算多少？机关和下属事业单位各多少？",
        ["差旅费为12.20万元", "机关商品和服务支出12.00万元", "对事业单位经常性补助0.20万元"],
        None,
    ),
    # a line printed with another amount in a table of another 口径: both, the 口径 said
    (
        "深圳建筑工务署今年住房公积金预算多少？",
        ["住房公积金为264.00万元", "1401.42万元", "那是财政拨款的口径"],
        22,
    ),
    # all 财政拨款 spending, from the 财政拨款收支总表's one column of 预算数 (or its 支出预算表)
    ("深圳市审计局今年财政拨款支出多少", ["10737.69万元"], 28),
    ("烟台市司法局2026年财政拨款支出是多少", ["7367.46万元"], 15),
    # several 项 asked 按科目 are the lines with none under them, not the 类
    (
        "江苏省政协2017年的财政拨款按科目看，钱花得最多的是哪三项？",
        ["行政运行3233.03万元", "一般行政管理事务1577.82万元", "未归口管理的行政单位离退休1509.72"],
        5,
    ),
    # a 款 too short to find in running text, said as a part of the spending (检察方面)
    ("江苏省检察院2019年检察方面的钱主要花在哪几项？", ["行政运行12268.62", "检察监督1185.60"], 16),
    # what a figure the question names is for is no question about the department's duties
    ("深圳退役军人事务局那个预算准备金安排了多少？是拿来干嘛的？", ["470.00", "临时增加工作"], 10),
    # the same families said otherwise: 高出多少 is a difference; 没编…预算 asks why none; 用到
    # 哪些地方 asks where a whole goes
    ("深圳审计局基本支出中，人员经费比公用经费高出多少？", ["人员经费比公用经费多5437.17"], None),
    ("杭州交通局为啥没编出国费预算", ["年初不编制"], 13),
    ("长沙公安局项目支出都用到哪些地方了", ["警务辅助人员经费", "15470.00"], 15),
    # each part's share asked beside its amount, after 、: the parts', not the whole's own
    (
        "深圳审计局2026年的支出里，基本支出和项目支出各是多少、各占多大比例？",
        ["基本支出占本年支出合计的", "项目支出占本年支出合计的"],
        None,
    ),
    # the money the projects with targets involve, not the whole's stated just before it
    ("无锡统计局有几个项目纳入绩效目标管理？涉及多少钱", ["12个", "975.06"], 33),
    # a name sharing a stretch with a row but saying another head (轨道 of 公共交通运营补助) is not
    # that row; the sentence stating the most of the name is its amount, not a row's shorter match
    (
        "杭州交通局2026年轨道交通运营补偿安排了多少",
        ["226,000.00万元，主要用于城市轨道交通运营补偿"],
        10,
    ),
    # a line no subject lines divide: the projects named in its words that add up to it
    (
        "福州医保局的财政对城乡居民基本医疗保险基金的补助由哪几块组成？",
        ["333405.00", "141405.00", "区县补助）110000.00", "市级）82000.00"],
        None,
    ),
    # a fund's own 支出表 divided: the lines of 国有资本经营预算支出, not its 收入 undivided
    (
        "深圳市国资委2026年的国有资本经营预算支出主要花在哪几块？",
        ["409301.00", "国有企业资本金注入376000.00", "解决历史遗留问题及改革成本支出20910.00"],
        None,
    ),
    # a total the text compares with the money carried over in it (部门预算收入21,796.12万元，较
    # 2025年年初预算增加1,749.63万元): that change, of its 收入总计, not none
    (
        "深圳市司法局（本级）2026年预算收入多少？比2025年年初预算增加了多少，增长百分之几？",
        ["21796.12", "1749.63", "8.7%"],
        None,
    ),
    # two parts of a whole named with it, asked how far apart (基本支出里人员经费比公用经费多
    # 多少): their difference, not the three figures
    ("福州医保局2026年基本支出里人员经费比公用经费多多少？", ["7263.35", "577.91", "6685.44"], 25),
    # parts added up against their whole in a table printing 元: each total as printed too
    (
        "上海交通运输局今年基本支出里人员经费、公用经费加起来是不是等于基本支出合计？",
        ["即282,997,600元", "表中为336,310,530元"],
        19,
    ),
    # where a department's 项目支出 goes: its projects where a table lists them, else its
    # 功能分类 lines
    ("长沙公安局的项目支出主要花在哪？", ["警务辅助人员经费", "15470.00"], 15),
    ("无锡水利局2026年项目支出主要花在哪", ["节能环保支出50761.50", "农林水支出25088.68"], 12),
    # why nothing is budgeted: the numbered item headed by what is asked (1.因公出国（境）费用：
    # …年初不编制), not the next item's plainer 原因 (公务接待费)
    ("杭州交通局为什么没有安排因公出国经费？", ["年初不编制"], 13),
    # a fund said first and the lines it is divided into listed after it: each line as that
    # fund's tables print it (上海's 财政拨款收支预算总表 names its 类 without codes), not all
    # funds' (卫生健康支出 7,846.14)
    (
        "上海卫健委2026年财政拨款支出分到卫生健康、住房保障、社会保障和就业这几块，各是多少？",
        ["财政拨款安排的卫生健康支出为2205.83", "82.87", "404.86"],
        10,
    ),
    # what a project is for, named short (宣传出版专项: 宣传文化出版事业专项经费): its row's
    # figure, and the item stating that figure (62,336.00), not another item saying 主要用于
    ("深圳宣传部宣传出版专项那块钱具体拿去干嘛了？", ["62336.00", "爱国主义教育基地"], 8),
    # one department's 项目支出 ranked, counted in 个: its projects, not other departments
    (
        "深圳科创局今年的项目支出最多的三个是什么",
        ["平台载体专项530850.00", "应用研发专项283977.00", "基础研究专项66586.00"],
        None,
    ),
    # where its parts were listed, the ranking in the next clause is of those parts
    (
        "深圳科创局今年的项目经费主要花在哪几块？最多的三个是什么，各多少？",
        ["平台载体专项530850.00", "基础研究专项66586.00"],
        None,
    ),
    # a change asked which way it went, with why (多还是少？为什么)
    ("烟台司法局今年预算比去年多还是少？为什么？", ["减少18435.50万元", "说明中写道"], None),
    # a part left out and whether there is more asked (除了财政拨款，还有别的钱进来吗): the
    # whole's parts, with the others' figures (事业收入 5,707.43), not the part left out alone
    ("上海卫健委除了财政拨款，还有别的钱进来吗？", ["事业收入5707.43"], None),
    # funding said as a verb with nothing named after it (财政安排了多少): 财政拨款
    ("深圳信访局今年财政安排了多少", ["财政拨款收入为4676.96"], None),
    # buying and keeping the official cars said with the car's name (买公车, 养公车)
    ("杭州交通局买公车和养公车的钱各是多少？", ["421.30", "424.80"], 34),
    # the change as the question says it (下降了45%多) picks the sentence stating it (45.44%),
    # where no table compares the years: the 类's, not its 项's under the 类's own title
    ("江苏省政协办公厅2018年社会保障和就业支出为啥下降了45%多？", ["下降45.44%", "退休费"], 8),
    # a change asked without 为什么 comes with the reason printed in the sentence stating it
    ("烟台市民政局2026年公务接待费比上年多还是少", ["9.54", "减少1.00万元", "过紧日子"], 31),
    # a project whose name begins inside the department's (重庆规划和自然资源专项: the project
    # 规划和自然资源专项 of 重庆市规划和自然资源局)
    ("重庆规划和自然资源专项2026年预算多少？", ["规划和自然资源专项", "88197.35"], 29),
    # a short name with the money it is said of before the next (买车钱和车辆运行维护费: both)
    ("杭州交通局2026年买车钱和车辆运行维护费各多少？", ["421.30", "424.80"], 34),
    # a name with fillers between its words (车辆日常运行 is 车辆运行, not the cars counted;
    # 公车的日常运行 is 公车运行)
    ("北京市统计局车辆日常运行花多少钱", ["公务用车运行费", "27.42"], 7),
    ("北京市统计局公车的日常运行花多少钱", ["公务用车运行费", "27.42"], 7),
    # the kinds of purchase the text states before 政府采购 (货物类政府采购支出预算259.32万元), as
    # the table of purchases prints them (一、货物A; 三、服务C; the audit holds them against it)
    ("江苏省政协2017年政府采购预算多少？货物和服务各多少？", ["1271.22", "259.32", "1011.90"], 19),
    # which few of a ranking, said without a number (哪几个), or as 前N名 in the next clause, or
    # before 各多少 (the ranking gives each amount)
    ("深圳市审计局2026年项目支出里哪几个项目钱最多？", ["918.01", "506.95", "80.00"], 26),
    ("深圳市审计局2026年哪几个项目钱最多？前两名各多少？", ["918.01", "506.95"], 26),
    ("深圳市信访局2026年项目支出里钱最多的前两个项目各多少？", ["603.84", "498.82"], 23),
    # each part's share, of the total when no whole holds them all
    (
        "江苏省检察院2019年基本支出、项目支出、单位预留机动经费各多少，各占百分之几？",
        ["65.55%", "17.94%", "16.51%"],
        None,
    ),
    # a whole whose first table divides it by purpose only is divided by another it is read
    # from (江苏's 一般公共预算支出预算表), and a clause asking only the order orders it
    ("江苏省人民检察院2019年钱主要花在哪几类？", ["公共安全支出16593.12万元"], 18),
    # a fund's 基本支出 under a column divided into 小计, 人员经费 and 公用经费 (重庆's 一般公共预算
    # 支出情况表: 基本支出/小计 33,325.21, where all funds' is larger)
    (
        "重庆市水利局2026年一般公共预算的基本支出是多少？",
        ["一般公共预算安排的基本支出", "33325.21"],
        22,
    ),
    # 财政拨款安排的项目支出: a row of the 财政拨款收支预算总表's 支出用途 (二、项目支出), not
    # the 10,688.66 of all funds
    ("江苏省委办公厅2017年财政拨款安排的项目支出是多少", ["财政拨款安排的项目支出", "10541.46"], 4),
    # ... and how far it is from all funds' (两者差多少: one line of two funds is two figures)
    (
        "江苏省委办公厅2017年项目支出预算是多少？其中财政拨款安排的项目支出是多少，两者差多少？",
        ["10688.66", "10541.46", "多147.20万元"],
        4,
    ),
    # where the money comes from: the income with what was carried over, 二、财政专户管理资金
    # 147.20 a source of its own
    (
        "江苏省委办公厅2017年的钱都是从哪来的",
        ["财政拨款收入20702.25万元", "财政专户管理资金收入147.20万元"],
        1,
    ),
    # a whole divided by the 类 a table prints by name alone in a column (收支预算总表's 功能分类
    # column)
    (
        "中共江苏省委办公厅2017年的钱按功能分类主要花在哪几类？各多少？",
        ["一般公共服务支出16992.37万元", "社会保障和就业支出2000.39万元", "1856.69"],
        1,
    ),
    (
        "江苏省人民检察院2019年钱主要花在哪几类？从少到多排一下",
        ["1. 社会保障和就业支出1890.27万元", "3. 公共安全支出16593.12万元"],
        18,
    ),
    # the reason after the sentence stating the change's own amount, not the fund's paragraph
    # that names the line beside this year's figure
    (
        "无锡市住房和城乡建设局2026年城市建设支出为什么比上年少？",
        ["减少57761.58万元", "调整为一般公共预算"],
        32,
    ),
    # 北京 counts its cars in 台, and its 单位价值 is 单价
    ("北京市统计局有多少辆车？", ["39辆"], 7),
    ("北京市统计局单价100万元以上的设备有几台？", ["12"], 7),
    # the equipment a budget buys (购置单位价值100万元以上的设备246台) is not the equipment held
    (
        "北京市教育委员会有多少台100万以上的设备？今年还要买几台？",
        ["1895台（套）", "246台（套）"],
        None,
    ),
    # an amount per car: the cars' running cost (运维 written short), over the cars counted
    ("北京统计局平均每台车运行维护费多少钱？", ["27.42", "39辆", "0.70"], 7),
    ("深圳审计局公车运维费平均到每辆车是多少？", ["3.60", "2辆", "1.80"], 34),
    ("北京统计局的车平均下来每辆运行维护费多少", ["27.42", "39辆", "0.70"], 7),
    # a piece of work said in everyday words: the amount the text states for what they describe
    # (深圳气象预报区域大模型项目, 大厅律师服务支出 by its purpose), the line whose characters
    # they say nearly all (水文测报)
    ("深圳气象局今年搞天气预报AI大模型花多少钱？", ["258.00万元"], None),
    ("深圳信访局今年请律师给来访群众做法律咨询花多少钱？", ["120万元"], None),
    ("重庆水利局2026年用在测水文、报水情上的钱有多少？", ["水文测报", "3890.38"], None),
    # a total's change explained in the section on its own side (杭州: （三）支出预算情况说明)
    (
        "杭州市交通运输局今年支出比上年多了多少？为什么增加？",
        ["107573.11", "城市轨道交通运营补助"],
        None,
    ),
    # what is held at the end of a year no document is of: the next year's budget states it
    ("重庆市水利局截至2025年12月一共有多少辆车？", ["43辆"], None),
    # the largest lines under a line, as many as asked: a 类 its 收支总表 prints without its
    # 款 is divided where the 支出表 prints them; 湖州 prints its lines without codes (the lines
    # after 交通运输支出 that add up to it); the projects a department lists, asked as its
    # 一级项目
    ("重庆市水利局2026年农林水支出下面，哪三项最多？", ["98377.14", "2979.59", "973.00"], None),
    # a line named in quotes is a name, however short (the 款 水利, not 本年支出合计)
    ("重庆市水利局2026年“水利”这个款下面，哪两项支出最大？", ["58461.30", "10792.76"], None),
    ("湖州交通局2026年交通运输支出下面哪两项最多？", ["64463.40", "49280.12"], None),
    # 杭州's tables print no codes, so its 一般公共服务支出 is the narrative's: divided on the
    # table line printing the same amount
    ("杭州司法局2026年一般公共服务支出里面排第一的是哪项", ["其他一般公共服务支出12868.00"], None),
    ("深圳市信访局2026年六个一级项目里，预算排前两位的是哪两个？", ["603.84", "498.82"], None),
    ("深圳审计局2026年的一般公共服务支出里，哪一项最多？第二是哪项？", ["5466.52", "919.44"], None),
    # the units a table by unit prints, 本级 printed under the department's own name, a unit
    # written with the city's short name (湖州交通技师学院)
    ("湖州交通局有几个下属单位", ["8个", "86167.48", "8822.96", "5615.04"], 24),
    # figures added up: written against each other, or a whole with a part left out
    ("深圳审计局水费电费物业费加起来一年多少？", ["3.00", "262.00", "274.26", "539.26"], 32),
    ("深圳市审计局三公经费除了出国以外的加起来多少？", ["3.60", "3.50", "7.10"], 34),
    ("深圳审计局三公经费除去公务接待费还有多少", ["28.00", "3.60", "31.60"], 34),
    # parts asked whether they add up to their whole: the parts named against the whole the
    # catalogue divides into them, and the other part that makes up the gap; the whole's own
    # parts where none are named
    (
        "北京统计局的基本支出加项目支出，和总的支出预算对得上吗？",
        ["50927.95", "51036.22", "少108.27万元", "年末结转和结余108.27"],
        None,
    ),
    ("北京市统计局三公经费三项加起来跟总数对得上吗", ["45.19", "27.42", "1.18", "两者一致"], None),
    # a name said short after another (运行维护费 of 公务用车), asked how far apart
    ("北京统计局的公务用车购置费和运行维护费差多少？", ["0.00", "27.42", "少27.42"], 7),
    # the parts a table prints by unit, or the items a table lists, against the whole they
    # make (the gap of rounding said to be one)
    (
        "湖州交通局下面8家单位的预算加起来，等于部门总数吗？",
        ["86167.48", "8822.96", "201286.09", "201286.11", "四舍五入"],
        None,
    ),
    ("深圳审计局那5个项目加起来是不是1531.45万？", ["918.01", "1531.46", "1531.45"], None),
    # what cars it has: the sentence counting them by kind
    ("北京市统计局有几辆车？都是什么车？", ["39辆"], 7),
    # what the things counted cost, asked after the count
    ("杭州司法局今年准备买几辆车？要花多少钱？", ["6辆", "151.68"], None),
    ("深圳审计局有几个项目做了绩效目标，涉及多少钱？", ["5个", "1531.45"], None),
    # a figure and the total of the table that lists it item by item (项目支出预算表), which
    # prints it otherwise
    ("湖州交通局的项目支出，说明里的数和项目支出表合计一致吗？", ["171262.41", "171462.41"], None),
    # written 公务用车购置和运行维护费
    ("北京市统计局公车的钱是多少？", ["27.42"], 7),
    # a text-only part: figures no table prints, stated in the narrative
    ("北京市政府办公厅的基本支出是多少", ["12408.16"], None),
    ("北京市政府办公厅机关运行经费多少", ["1030.05"], None),
    # the 台 of 烟台 counts nothing; the kinds its sentence goes on to count are said with it
    (
        "烟台民政局一共有几辆车？",
        ["5辆", "特种专业技术用车4辆、其他按照规定配备的公务用车1辆"],
        None,
    ),
    # a project said without the class 烟台 prints after it (…其他运转类, …特定目标类)
    ("烟台民政局民政业务工作经费有多少", ["176.00"], None),
    # a project said by the first words of its row, which hold a catalogue word (生活补助)
    ("烟台民政局孩子生活补助花多少", ["孩子生活补助及儿童村运转经费", "586.00"], None),
    # last year's total of a budget, from the comparison its narrative states (深圳: 部门预算支出
    # …较2025年年初预算减少…); no 2025 document is stored
    ("深圳信访局今年预算比去年少了多少？", ["4684.30", "247.70"], None),
    # a unit with no disclosure of its own is a row of its department's 收入总表, and so is the
    # department's own part (本级)
    ("无锡市水政监察支队今年预算多少", ["423.23"], 11),
    ("无锡市水利局本级的预算是多少", ["11553.86"], 11),
    ("无锡水政监察支队今年花多少钱", ["423.23"], 11),
    ("无锡水利局今年预算多少", ["87404.90"], None),
    # a ranking within the city named, by the count asked (the 设备's 0万元 is not the cars')
    (
        "北京哪个部门车最多",
        ["北京市教育委员会 599辆", "北京市统计局 39辆", "北京市人民政府办公厅 0辆"],
        10,
    ),
    # 深圳 prints the 预算单位 where others print 合计: that row is the table's total, and its
    # column 支出总计 the total of the 一般公共预算 table; where the money goes is the whole
    # spending by 类, from its 支出总表
    ("深圳审计局基本支出多少？", ["9206.23"], 21),
    ("深圳审计局的钱主要花在哪", ["10737.69", "一般公共服务支出6960.90"], 21),
    # a share clause opening with 占 after a clause naming the whole and a part: the part's share
    (
        "烟台民政局三公经费里公务接待费是多少，占三公经费的比例是多少？",
        ["公务接待费占“三公”经费的38.75%"],
        None,
    ),
    # a name no table prints: the sentence of the text stating an amount right after it
    ("深圳信访局大厅律师服务费多少", ["大厅律师服务支出120万元"], None),
    # the total in words of its size; a part said in its everyday words inside its whole; a
    # share clause naming a part of the figure before it, of that figure
    ("烟台民政局预算盘子多大", ["5609.33"], 7),
    ("深圳审计局三公经费里接待的钱是多少", ["3.50"], 34),
    ("烟台民政局三公经费多少？接待费占多少？", ["24.62", "公务接待费占“三公”经费的38.75%"], 20),
    # a table printed in 元: the largest part and a breakdown say each amount as printed
    (
        "上海交通职业技术学院公用经费里哪一项最多",
        [
            "商品和服务支出8336.28万元（表中为83,362,774元）",
            "物业管理费2841.41万元（表中为28,414,100元）",
        ],
        17,
    ),
    (
        "上海交通职业技术学院基本支出由哪些构成",
        ["33631.05万元（表中为336,310,530元）", "人员经费19759.25万元（表中为197,592,536元）"],
        11,
    ),
    # the projects asked as 有啥项目
    ("深圳审计局有啥项目，给了多少钱？", ["1531.45", "综合管理918.01万元"], None),
    # figures of the year before the first stored one, each from the next year's 三公 table
    ("深圳审计局2025年公务接待费和公务用车运行费各多少", ["3.51", "6.00"], 34),
    # a count of units or offices is the sentence that states one
    ("北京市统计局下面有几个全额拨款事业单位？", ["事业单位8个"], None),
    ("北京市政府办公厅有几个内设机构？", ["28个内设机构"], None),
    # what the text states of a subject written without its 类 (无锡: 信访事务（款）信访业务（项）
    # 支出724.5万元), beside the table's figure of it
    ("无锡信访局的信访业务支出，说明里写的和支出总表里的一样吗？", ["868.50", "724.50"], None),
    # 烟台 heads the columns of its 一般公共预算支出情况表 人员支出 and 日常公用支出
    ("烟台司法局人员支出和日常公用支出分别多少？", ["5771.07", "666.39"], None),
    # the cars of one kind: the sentence stating their count, not a row of money in like words
    ("烟台司法局执法执勤用车有几辆？", ["执法执勤用车8辆"], None),
    ("深圳工务署的车有几辆？其中应急保障用车几辆？", ["5辆", "应急保障用车0辆"], None),
    # a count of units the text prints as a list (二级预算单位包括：1.烟台市司法局 … 8.烟台市鼎新
    # 学校, each item read as a heading), counted
    ("烟台司法局部门预算包括几个单位？", ["8.烟台市鼎新学校", "共8个"], None),
    # the units said as the level of a figure are no question about the units
    ("无锡水利局连同下属单位一共多少预算", ["87404.90"], None),
    # last year's figure printed beside this year's in the same table (2025年预算数 | 2026年预算
    # 数), where no 2025 document is stored and the text says nothing of the change
    ("烟台教育局今年的三公经费比去年少了多少？", ["10.00", "减少11.00", "2025年为21.00"], None),
    # the department's own part (本级) where only its 部门 budget is published: its rows among
    # the units' rows of the tables by unit (深圳 prints a unit's name on its 2025年 row of the
    # 三公 table and its 2026年 row unnamed); said by the units it leaves out, in brackets or in
    # a clause of their own, and the unit named there is no department asked about
    ("深圳工务署本级的三公经费多少", ["深圳市建筑工务署（本级）", "84.20"], 57),
    ("深圳工务署本级的因公出国费", ["深圳市建筑工务署（本级）", "77.20"], 57),
    ("深圳工务署机关自己一年预算多少", ["深圳市建筑工务署（本级）", "14480.17"], 19),
    ("深圳工务署不算工程管理中心那些下属单位，三公经费多少", ["84.20"], 57),
    ("深圳工务署（不含下属单位）的预算是多少？", ["14480.17"], 19),
    ("深圳工务署（含下属单位）一共多少预算？", ["33934.54"], None),
    ("深圳工务署的三公经费多少", ["100.22"], None),
    # what a figure is used for: its figure, and the sentence saying its purpose
    ("深圳工务署的公务接待费多少，用来干啥？", ["1.00万元", "主要是用于"], None),
    # asked in the A-not-A form, the units are what is asked about
    ("深圳工务署的部门预算包不包括下属单位？", ["文体和水务工程管理中心"], None),
    # a row no department is named with: the one department of the city named that prints it
    # (a project of 烟台市法律援助中心 in 烟台市司法局's 项目支出 table)
    ("烟台市法律援助中心的法律援助经费多少？", ["烟台市司法局", "109.50"], None),
    # a name the text states in a sentence of one amount, after it (9.专项工作19,800.61万元，主要
    # 用于建设…深圳湾区书城), or in the budget line of the item its heading opens
    ("深圳市委宣传部建深圳湾区书城安排了多少钱？", ["19,800.61万元", "深圳湾区书城"], None),
    ("北京教委给北方工业大学延庆新校区今年安排了多少钱？", ["延庆新校区", "8亿元"], None),
    # or its words in order with others between (深圳气象预报区域大模型项目258.00万元)
    ("深圳气象局那个预报大模型项目今年给了多少钱", ["258.00万元", "区域大模型"], None),
    # a clause of its own naming what no table prints is read from the text, not the clause before
    (
        "深圳宣传部上级下达资金有多少？其中电影《英歌》扶持多少？",
        ["1610.00", "电影《英歌》扶持款500.00万元"],
        None,
    ),
    # a table printed in 元: the figure in 万元 and as printed; the text's 40,870万元 is the same
    # figure rounded, no disagreement — said so when asked
    ("上海交院今年预算一共多少钱？", ["40869.60万元（表中为408,696,000元）"], 7),
    ("上海交院说明里写的支出预算和表里的对得上吗？", ["40870万元", "两者一致"], None),
    # a file named after a department holding one unit's budget: the unit's figures, saying
    # whose (its own document asked for: test_a_department_a_file_is_named_after_is_not_stored)
    (
        "上海市交通运输局今年预算一共多少？",
        ["上海交通职业技术学院", "40869.60", "不是上海市交通运输局（部门整体）的"],
        7,
    ),
    # names in columns the vocabulary does not know (长春's 项目支出表: 一级项目 | 二级项目 |
    # 项目单位), read as the row's label by their cells
    ("长春信访局的项目支出都有哪些项目？", ["474.56", "2026驻京经费", "312.00"], 8),
    # no 项目支出表, only the projects of the 项目支出绩效目标表 with their money (长沙)
    ("长沙市公安局2025年金额最大的两个项目是什么？", ["警务辅助人员", "15470.00", "12919.92"], 33),
    # a project said with words left out (大桥口岸安检服务经费 of 港珠澳大桥珠海公路口岸安检服务
    # 经费), not the label sharing its longest stretch (港口口岸安检服务费)
    (
        "珠海商务局大桥口岸安检服务经费多少钱？",
        ["港珠澳大桥珠海公路口岸安检服务经费", "968.69"],
        23,
    ),
    # 长沙's narrative is shaded white run by run: no table, the text reads whole
    ("长沙公安局有多少辆公车？", ["102辆"], 10),
    # a metric said again by its end after its fund, under a heading naming it (（一）机关运行
    # 经费。2026年一般公共预算财政拨款运行经费2115.63万元，比2025年增加1.05万元)
    ("重庆水利局机关运行经费今年多少，比去年多还是少？", ["2115.63", "增加1.05万元"], 7),
    # shares asked of each of three parts, one the catalogue does not know (预留机动经费): each of
    # the whole the known ones make up (本年支出合计 27,664.22), never the first of the second
    (
        "江苏省委办公厅2019年基本支出、项目支出和预留机动经费各占多少比例？",
        ["42.30%", "47.08%", "10.62%"],
        None,
    ),
    # a part explained by its own parts in brackets is a share of its whole, not of its 购置费
    (
        "深圳市审计局2026年三公经费多少？其中公车（买车加养车）占多少？",
        ["公务用车购置及运行费占“三公”经费的10.26%"],
        None,
    ),
    # the projects of the 项目支出表, a project printed for two units listed as each prints it
    # (24.20 and 775.80, never their 800.00: the third of a ranking is the row printed)
    ("烟台自然资源和规划局哪个项目预算最多？", ["规划编制资金", "3700.00"], None),
    (
        "烟台自然资源和规划局有哪些项目？",
        ["自然资源管理工作经费24.20万元", "自然资源管理工作经费775.80万元"],
        None,
    ),
    (
        "烟台自规局2026年哪几个项目花钱最多？列前三个和金额。",
        ["3. 自然资源管理工作经费775.80"],
        28,
    ),
    ("烟台自然资源和规划局钱最多的项目是哪一个？", ["规划编制资金", "3700.00"], None),
    ("烟台自然资源和规划局前三大项目是什么？", ["规划编制资金3700.00万元"], None),
    # the largest “笔” of a whole is its largest item, said with the whole asked beside it
    (
        "烟台自然资源和规划局项目支出一共多少？最大的一笔是什么？",
        ["项目支出为13235.84万元", "规划编制资金3700.00万元"],
        13,
    ),
    # a project named only by a 绩效目标 form: one form per project, many to a table (烟台), a
    # name holding the word 资金 (福州's 商务发展资金 is no key of the form); or by a list whose
    # header the reader kept as its first row (单位（项目）名称 | 资金总额; 项目名称 | 当年财政拨款
    # 预算金额), each project on a row whose first column prints a code
    ("烟台宣传部城市综合营销和对外宣传专项资金安排了多少？", ["2890.00"], 29),
    # what such a project is for: its form's goal, with its figure
    (
        "烟台宣传部城市综合营销和对外宣传专项资金安排了多少？主要用来干嘛？",
        ["2890.00", "绩效目标表写明用途", "仙境海岸品重烟台"],
        29,
    ),
    ("长沙公安局天网工程租赁和服务费安排了多少？", ["1900.00"], 47),
    ("重庆水利局水利行业业务经费这个项目多少钱？", ["14299.16"], 33),
    # a total's change explained only by its parts (主要是基本支出增加…，项目支出减少251675.84
    # 万元): the sentence explaining the part that changed most follows
    ("重庆水利局今年预算为什么比去年少了那么多？", ["246429.22", "三峡后续项目"], None),
    # why a part changed: the sentence stating its own amounts after its name (1.因公出国（境）费
    # 17万元，比上年增加7万元，…主要原因是中日韩…), not the whole's naming it as the cause
    ("烟台科技局出国的费用为什么涨了70%？", ["17.00", "中日韩创新合作中心"], None),
    # why a total changed: the reason the narrative gives next to that change, where it states
    # the totals, not another figure's (深圳: 预算收支增加主要原因说明：1.…); 减了多少 names nothing
    ("深圳宣传部今年预算为什么比去年多了？", ["45056.67", "报业集团、广电集团专项经费"], None),
    ("烟台宣传部今年的预算比去年减了多少？为什么减？", ["3327.50", "过紧日子"], None),
    # … under a subsection of the section on 收支 (预算收支增减变化情况说明 > （三）增减变化情况),
    # and a reason opening a list quoted with all its items (一是…；二是…)
    ("烟台大数据局今年预算为什么比去年少了一千多万？", ["1226.81", "项目支出减少"], None),
    ("深圳财政局为什么今年预算变了", ["16640.31", "2026年起不再安排"], None),
    ("烟台自然资源和规划局今年预算为什么变了", ["1043.80", "全民所有自然资源资产清查"], None),
    # a printed row said short (公交运营补助 of 公共交通运营补助), and its change quoted with the
    # sentence stating it
    (
        "杭州交通运输局的公交运营补助今年安排多少？比上年少了多少？",
        ["68000.00", "147000.00", "68.4%"],
        None,
    ),
    # where the money goes, of a document printing no spending by 功能分类: the parts of the
    # whole that tells the same, said to be that
    ("北京统计局钱花哪了", ["没有列出支出合计（按支出功能分类）", "基本支出32780.46"], None),
    # a total's change the text states of another total of the same amount (收入、支出预算总计
    # …，与上年相比收、支预算总计各增加…), and 增长百分之几 after it its rate, not a share of itself
    (
        "江苏省检察院2019年预算比上年增加多少？增长百分之几？",
        ["2214.39", "10.09%", "21955.35"],
        None,
    ),
    # where the money comes from: the income's parts, 财政拨款收入 its own parts added up where
    # the text gives only those, and the 上年结转结余 the 北京 收入预算 counts
    (
        "北京市统计局今年的钱都是从哪来的？",
        ["50665.50", "其他收入0.96", "年初结转和结余369.77"],
        None,
    ),
    ("北京统计局的收入除了财政拨款还有哪些？", ["其他收入0.96", "年初结转和结余369.77"], None),
    ("北京统计局的经费是从哪儿来的", ["50665.50", "其他收入0.96", "年初结转和结余369.77"], None),
    # a difference or a share of figures a table prints in 元 is also said in 元
    (
        "上海交通职业技术学院的人员经费比公用经费多多少？",
        ["197,592,536元", "85,405,064元", "11218.75万元（即112,187,472元）"],
        None,
    ),
    ("上海交通职业技术学院基本支出占多少", ["336,310,530元", "408,696,000元", "82.29%"], None),
    # a share the narrative states of another base than the tables' total: both, and the base
    # (北京: 占本年支出预算66.33%, of 基本支出 and 项目支出 without the 年末结转和结余)
    (
        "北京市教育委员会基本支出占多少比例？",
        ["65.11%", "74.41%", "3923076.63", "年末结转和结余"],
        None,
    ),
    (
        "北京市统计局说基本支出占本年支出64.37%，可我拿32780.46除以51036.22只有64.23%，哪个对？",
        ["64.23%", "64.37%", "50927.95", "108.27"],
        None,
    ),
    # a figure asked whether two tables agree on it: the tables are places, not what is asked,
    # and every other table printing it is shown (the 基本支出 tables print only its part)
    (
        "江苏省检察院三公表里公务接待费是101.26万，基本支出表里公务接待费只有33.26万，这两个数怎么对不上？",
        ["公务接待费为101.26万元", "公务接待费为33.26万元", "与上面的数字不同"],
        None,
    ),
    # the rate as the text writes it beside the one computed (较2025年年初预算增加…，增长43.1%)
    ("深圳宣传部今年预算比去年多了多少？", ["增长43.11%，说明文字写作43.1%"], None),
    # the words of a printed name are no operation (预决算: no 预算 against 决算)
    ("深圳财政局预决算管理业务这个项目多少钱？", ["预决算管理业务为18808.16万元"], None),
    # a project said without the unit's name its label begins with, or with it as if a department
    ("杭州交通运输局的小客车总量调控工作项目安排了多少钱？", ["1079.14"], None),
    (
        "杭州市北郊监狱的狱政设施建设项目要花多少钱？",
        ["杭州市北郊监狱狱政设施建设", "12898.00"],
        None,
    ),
    # last year's amount nowhere: this year's figure, the rate the text states (in its own
    # word), and why
    (
        "湖州交通局公务接待费多少，比上年下降了百分之几？",
        ["51.53万元", "比上年下降12.00%", "只写了变化的幅度"],
        None,
    ),
    # figures the question quotes: where each is printed, how far apart they are, and where the
    # document prints the gap itself
    (
        "深圳审计局说明里说公用经费1079.33万，可基本支出表里商品和服务支出只有1055.83万，这对得上吗？",
        [
            "1079.33万元印在说明文字",
            "1055.83万元印在《基本支出总表》",
            "相差23.50万元",
            "正是《基本支出总表》“资本性支出”",
        ],
        None,
    ),
    (
        "江苏省检察院2019年预算说明里一会儿说比上年增加2214.39万元，一会儿说增加2228.78万元，到底是多少？",
        ["2214.39万元印在说明文字", "2228.78万元印在说明文字", "相差14.39万元"],
        None,
    ),
    ("深圳审计局三公经费是35.1万还是351万？", ["35.10万元印在", "没有印着351.00万元"], None),
    # of one line, a table of all funds against one of 一般公共预算 only: the money it leaves out
    (
        "无锡水利局水利工程运行与维护是9737.57万还是6670.92万？",
        ["相差3066.65万元", "《支出总表》列的是全部资金", "其他收入23312.65万元"],
        None,
    ),
    # the text asked against the table states its figure even where the two agree (and a
    # whole's parts beside it: the three of 三公)
    (
        "重庆水利局三公经费，说明里写的和表里的一样吗？",
        ["三公”经费为308.00万元", "说明文字中写的也是308.00万元", "因公出国（境）费20.00万元"],
        None,
    ),
    # a line asked of one fund after its whole: the line as that fund's tables print it
    (
        "重庆水利局农林水支出一共多少？其中一般公共预算多少？",
        ["农林水支出为102942.13万元", "一般公共预算安排的农林水支出为97303.65万元"],
        None,
    ),
    # (a fund whose tables do not print the line: the line of all funds, said to be that)
    (
        "重庆水利局水利一共多少？其中政府性基金多少？",
        ["水利为98377.14万元", "政府性基金的表里没有单列水利"],
        None,
    ),
    # a name the catalogue holds a part of (人员经费 in 临聘人员经费) is the row printing it
    ("长春信访局临聘人员经费多少", ["临聘人员经费", "16.56"], None),
    # a finding's side beside a blank printed cell (it crashed); the figure, and no finding on it
    (
        "烟台司法局说明里写的项目支出和项目支出表对得上吗？",
        ["项目支出为933.00万元", "没有发现"],
        None,
    ),
    # a row said with its words written short (医保 of 医疗保险), the verb after it dropped (补了)
    (
        "福州医保局给城乡居民医保基金补了多少钱？",
        ["财政对城乡居民基本医疗保险基金的补助", "333405.00"],
        12,
    ),
    ("杭州交通局今年给公交车运营的补贴预算有多少钱？", ["公共交通运营补助", "68000.00"], 23),
    # who gives (财政给…) is no part of the row named
    (
        "无锡人社局今年财政给城乡居民养老保险基金补了多少钱？",
        ["财政对城乡居民基本养老保险基金的补助", "9213.04"],
        20,
    ),
    # everyday words of 人员经费 and 公用经费; what is set aside (不算人员工资) is not asked
    ("深圳市审计局养人要花多少钱？", ["人员经费为6516.50万元"], 10),
    ("烟台市司法局日常办公运转用的钱（不算人员工资那块）有多少？", ["公用经费为666.39万元"], 16),
    # the projects a table lists, added up against 项目支出: 长春's 一级项目 综合管理 adds up the
    # four after it and is no project of its own; 长沙's table notes why its projects fall short
    (
        "长春市信访局（本级）2026年那几个项目加起来等于项目支出总额吗？",
        ["合计474.56万元", "两者一致"],
        14,
    ),
    (
        "长沙市信访局项目支出绩效目标表里列的几个专项加起来，等于项目支出合计吗？",
        ["合计286.91万元", "少130.50万元", "已剔除涉密部分"],
        22,
    ),
    # a row's words said in another order, after a verb (搞普查的专项经费: 专项普查活动), the
    # catalogue's 专项经费 (项目支出) qualified by the words before it
    ("无锡统计局今年搞普查的专项经费有多少？", ["专项普查活动", "315.58"], 10),
    # a unit named with its province before its city (江苏省无锡技师学院), said without it
    ("无锡技师学院2026年的预算有多少？", ["江苏省无锡技师学院", "15803.43"], 18),
    # an empty 绩效目标表 whose title holds 人员经费 says nothing of the 人员经费 the text states
    ("福州交警支队养人要花多少钱？", ["人员经费为28078.97万元"], 21),
    # a fund said before the line it holds (财政拨款里的…, 财政拨款安排的…): the line as that
    # fund's tables print it, and its change of the same fund (the all-funds row is 868.50)
    (
        "无锡信访局财政拨款里的信访业务安排了多少？为什么比上年少了？",
        ["724.50万元", "减少314.71万元", "科目调整"],
        16,
    ),
    ("无锡水利局财政拨款安排的水利工程建设支出是多少？", ["10238.00"], 16),
    # a 部门 total and its 本级 asked together (其中局本级自己多少): each, from its own rows
    ("杭州市司法局今年部门预算总共多少？其中局本级自己多少？", ["99230.46", "12586.47"], None),
    # the spending by 经济分类 类: of the table of all 一般公共预算 spending (福州医保局), else of
    # 基本支出 (杭州: its lines print no codes and add up within their rounding)
    ("福州医保局按经济分类钱主要花在哪？", ["对社会保障基金补助333405.00万元"], None),
    (
        "杭州市司法局按经济分类看钱花哪了？",
        ["一般公共预算基本支出（按经济分类）", "工资福利支出"],
        None,
    ),
    # the parts' changes a total's sentence states (主要是基本支出增加…，项目支出减少…): of all
    # funds, not the 一般公共预算 ones the next section states
    (
        "重庆市水利局2026年预算比上年少了多少？主要是哪块减少了？",
        ["减少246429.22万元", "减少251675.84万元"],
        None,
    ),
    # why a total changed, where the sentence stating the change says so (湖州: 主要是…), or
    # the next one does (深圳财政局, whose 部门预算 is its 本级's)
    (
        "湖州交通局2026年预算比上年增加多少、为什么增加？",
        ["81487.86", "专项债资金"],
        None,
    ),
    (
        "深圳市财正局2026年部门预算比2025年少了多少，原因是什么？",
        ["16640.31", "融资担保基金"],
        None,
    ),
    # two things asked in one clause joined by 、: the cars' purchase cost and their count
    ("湖州市交通运输局买公车花多少钱、买几辆？", ["171.80", "10辆"], None),
    # where the money goes most, down to a line: the largest 类, its largest 款, that one's 项
    (
        "福州市医疗保障局的钱最大头花在哪一项？",
        ["卫生健康支出349680.44万元", "财政对城乡居民基本医疗保险基金的补助333405.00万元"],
        None,
    ),
    ("重庆水利局钱最多花在哪？", ["农林水支出102942.13万元"], None),
    # a 类 named is read from the 支出表's 总计 column (all funds), not the 一般公共预算 one
    # (97303.65)
    ("重庆水利局2026年农林水支出一共多少？", ["农林水支出为102942.13万元"], 19),
    ("重庆水利局哪一个支出科目花钱最多？", ["农林水支出102942.13万元", "往下细分"], None),
    # the largest lines with none under them (the 项), not the 类 nor 基本/项目支出
    (
        "重庆水利局按具体支出科目看，最大的三项是哪些？",
        ["水利工程建设58461.30万元", "高等职业教育33668.32万元"],
        None,
    ),
    # a line's own columns: its row's 基本支出 in the 支出总体情况表 (668.77), not the
    # department's 基本支出
    ("烟台市民政局今年行政运行的基本支出是多少？", ["行政运行的基本支出为668.77万元"], 11),
    # a total's parts are the columns of the row printing it, where 基本 and 项目 do not make it
    # (江苏检察院 2019: 单位预留机动经费 3,990.40 besides)
    (
        "江苏省检察院2019年预算一共多少？分成哪几块？",
        ["本年支出合计为24169.74万元", "项目支出4335.30万元", "单位预留机动经费3990.40万元"],
        None,
    ),
    # a figure the narrative states, divided by the table named after it (一般公共预算机关运行经费
    # 支出预算表: its 合计 row is the whole)
    ("江苏省检察院2019年机关运行经费里哪一项最多？", ["其他商品和服务支出603.56万元"], None),
    # a purchase's line is asked without the way it is bought (家具用具分散自行组织)
    ("江苏省检察院2019年政府采购里买家具用具多少钱？", ["家具用具", "为5.00万元"], None),
    # shares asked in a clause of their own, of the figures the clause before named
    (
        "北京市教委今年基本支出和项目支出分别是多少？各占总支出的比例是多少？",
        ["基本支出占本年支出合计的65.11%", "项目支出占本年支出合计的22.39%"],
        None,
    ),
    # a 类 named by its first words (住房方面的支出: 住房保障支出), not the 本年支出合计 its 支出
    # names alone; read from the 收支预算总表, which names its 类 without codes
    ("江苏省检察院2019年住房方面的支出有多少？", ["住房保障支出为5686.35万元"], 14),
    # names listed short before 各 (人员、公用、项目): each with the ending that makes it a name
    (
        "深圳审计局今年人员、公用、项目各多少？",
        ["人员经费为6516.50万元", "公用经费为1079.33万元", "项目支出为1531.45万元"],
        None,
    ),
    # a clause saying only how many of the ranking before it (说前三个)
    (
        "深圳审计局哪几个项目花钱最多？说前三个。",
        ["综合管理918.01万元", "审计管理业务506.95万元", "信息化（财政审核）80.00万元"],
        None,
    ),
    # the 项 ranked within a fund's spending (一般公共预算支出里，按项级科目排)
    (
        "重庆水利局一般公共预算支出里，按项级科目排，钱最多的是哪三项？",
        ["水利工程建设58461.30万元", "一般行政管理事务10792.76万元"],
        None,
    ),
    # a table's first row left unlabelled is its total (江苏检察院 2019's 支出预算总表, p. 15)
    ("江苏省检察院2019年基本支出是多少？", ["基本支出为15844.04万元"], 15),
    # a project the text states under its heading, its brackets aside (延庆新校区（一期）)
    ("北京市教委今年给北方工大延庆新校区一期建设安排了多少钱？", ["安排预算8亿元"], 13),
    # a share the text states rounded is the same share, said as the text writes it too
    (
        "杭州交通运输局的钱大部分都是项目支出吗？项目支出占多少比例？",
        ["86.52%（说明文字写作86.5%）"],
        None,
    ),
    # a share the text states of its own amount (人员支出 of all funds by 用途), not the tables'
    (
        "杭州市交通运输局的预算里，人员支出占多少比例？",
        ["人员经费73924.43万元", "11.10%"],
        None,
    ),
    # the parts a text lists after a line's amount, opened by its use, adding up to it
    # (其他财政事务支出（项）1153.00万元，主要用于…支出652.00万元；…371.00万元；…)
    (
        "湖州财政局说明里其他财政事务支出1153万是由哪几块组成的？",
        ["652.00万元", "371.00万元", "10.00万元", "120.00万元"],
        8,
    ),
    # a piece of work the text prices apart from the 功能分类 line of its name (专项统计业务
    # 701.80), its list going on over a page's end
    (
        "深圳市统计局本级专项统计业务844万具体分哪几块？",
        ["844.03万元", "统计专项调查业务265.25万元", "编外人员262.50万元", "满意度调查86.28万元"],
        9,
    ),
    # a department said short, its city only in the name of what is asked: the one whose text
    # says it
    ("宣传部建深圳湾区书城今年安排了多少钱？", ["19,800.61万元"], 9),
    # a reason given right after the change it explains, written to one place (1237.7)
    ("为啥江苏省检察院19年项目支出比去年少了一千多万？", ["过紧日子", "700万元培训费"], 26),
    # an item the text names with a label (收费项目名称：污水处理费), asked by a stretch of it
    (
        "北京的污水处理费居民和非居民一吨各收多少？水务局预计今年能收多少？",
        ["居民1.36元/吨", "非居民3.00元/吨", "收入预计190000万元"],
        10,
    ),
    # the projects of a subject line no table lists by item: its lines
    (
        "江苏高院2017年法院这块支出里，钱最多的三个项目是啥，各多少？",
        ["行政运行11786.92万元", "一般行政管理事务6432.89万元", "案件审判1733.30万元"],
        None,
    ),
    # of two bodies of one name, the one whose tables print the line asked (文化和旅游局's
    # 执法总队, not 应急管理局's)
    (
        "执法总队“文化旅游体育与传媒支出”那3475万主要是干啥用的？",
        ["上海市文化和旅游局执法总队", "文化市场管理"],
        None,
    ),
    # reasons listed as items on years (1.2026年…；2.…): all of them
    ("深圳市司法局今年预算为啥涨了？", ["人才专项经费", "预算准备金", "84.28万元"], None),
    # the amount stated with a count: what the counted cost
    ("深圳国资委今年打算买几辆车、花多少钱？", ["1辆", "计划购置车辆1辆、12万元"], 12),
    # (forty-first session: batch BV's classes)
    # a base year said in two digits (跟25年比) asks the change
    ("深圳统计局机关运行经费26年安排了多少？跟25年比呢", ["742.77", "减少0.52万元"], None),
    # the first of the projects asked by 哪个: projects, where a table lists them
    (
        "深圳统计局项目钱最多的是哪个？第二是哪个",
        ["专项统计业务844.03万元", "统计管理352.27万元"],
        None,
    ),
    # a province said by its one character before its department (苏高院)
    ("苏高院2019年三公经费多少", ["江苏省高级人民法院", "513.75"], None),
    # a line said by words of its own before 支出 is that line, not the total (离退休支出)
    (
        "省委办公厅2018年离退休支出为什么少了？",
        ["行政事业单位离退休", "减少710.87万元", "退休人员工资改由社保发放"],
        None,
    ),
    # the units of a kind asked among a department's units (哪个分局, 那些支队里)
    ("杭州市公安局下面哪个分局预算最多", ["个分局，其中最多", "地铁分局27401.68万元"], None),
    ("杭州市公安局下面那些支队里，哪个预算最少？", ["4个支队", "刑事侦查支队12379.89万元"], None),
    # each of a department's units asked
    ("杭州市公安局下属单位各多少", ["10个单位", "交通管理支队168527.35万元"], None),
    # a department asked only how it changed: its total's change
    ("北京统计局今年跟去年比多了还是少了？", ["增加5478.54万元"], None),
    # the largest few purchases (最大的几笔): three of them
    ("江苏省委办公厅2019年政府采购预算里最大的几笔是什么？", ["最大的三项", "物业管理"], None),
    # a body's name misread with a figure's first words (信访办公车): read without them
    ("上海信访办公车运行费怎么比25年涨了21万？", ["上海市信访办公室", "增加21.00万元"], None),
    # (forty-second session: batch BY's classes)
    # where the money goes, ordered, where no table lists projects: the lines under the one
    # 款 that is all of it (强制隔离戒毒)
    (
        "上海市戒毒康复中心的项目支出主要花在哪几块？按金额从大到小排一下",
        ["一般行政管理事务208.94万元", "所政设施建设109.46万元", "信息化建设36.00万元"],
        None,
    ),
    # a line printed in two characters said with 支出 after it (检察支出), ranked by 按项排
    (
        "江苏检察院2019年检察支出按项排，钱最多的前三项是哪些？",
        ["行政运行12268.62万元", "一般行政管理事务2354.40万元", "检察监督1185.60万元"],
        None,
    ),
    # a line ranked within a fund's tables (财政拨款里水利这块): the fund's own figures
    (
        "无锡水利局2026年财政拨款里水利这块，哪三项钱最多？",
        ["财政拨款安排的水利为27989.63万元", "水利工程建设10238.00万元", "6670.92万元"],
        None,
    ),
    # 类 listed short after a fund and how it is divided (按科目分), one by its former name
    # (医疗卫生与计划生育支出: 医疗)
    (
        "上海交通职业技术学院财政拨款支出按科目分，教育、社保、医疗、住房各安排了多少？",
        ["财政拨款安排的教育支出为23689.34万元", "财政拨款安排的卫生健康支出为1369.72万元"],
        None,
    ),
    ("上海交通职业技术学院医疗这块支出多少", ["卫生健康支出为1550.24万元"], None),
    # a unit's column of a 收入表 whose funds stand under 本年收入 (无锡)
    (
        "无锡市水利局下面的河湖治理和水资源管理中心2026年预算收入多少？其中一般公共预算拨款多少",
        ["65755.84万元", "一般公共预算财政拨款收入为47519.84万元"],
        None,
    ),
    # a fund whose tables print the line without its lines: all funds', said so
    (
        "烟台市民政局财政拨款里社会保障和就业支出哪三项最多",
        ["民政管理事务1218.39万元", "财政拨款的表里没有社会保障和就业支出的明细"],
        None,
    ),
    # whether there is any, where only the narrative says there is none
    ("上海交通职业技术学院有没有机关运行经费？", ["没有。", "“本单位无机关运行经费。”"], None),
    # how many offices, asked 设了几个部门
    ("上海信访办设了几个部门？", ["设12个内设机构"], None),
    # a two-character line (服务) inside a longer name before its money word is no line
    ("珠海市商务局大桥口岸安检服务经费多少", ["安检服务经费为968.69万元"], None),
    # (batch BZ's classes)
    # what a project holds (都包括啥): the parts the text lists; a project whose name holds a
    # word of 项目支出 (专项经费) is no 项目支出
    (
        "深圳卫健委的市级人才专项经费1.98亿都包括啥？",
        ["市级人才专项经费为19842.00万元", "“三名工程”专项经费4182.00万元", "15660.00万元"],
        None,
    ),
    # 翻了一倍 asks why the total grew
    ("深圳民政局今年预算怎么一下翻了一倍？为啥", ["增加14309.95万元", "项目法资金"], None),
    # (forty-third session: batch CA's classes)
    # a catalogue name written with a character of the same sound (经废, 采构)
    ("杭州市司法局的机关运行经废预算是多少？", ["机关运行经费为12237.94万元"], None),
    (
        "无锡人社局2026年政府采构预算总共多少？货物、工程、服务各买多少",
        ["政府采购为1933.61万元", "政府采购货物38.38万元", "政府采购服务1195.23万元"],
        None,
    ),
    # the smallest line asked (哪一项最少): of all the lines with none under them
    ("按功能科目看，杭州市司法局的项目支出哪一项最少？", ["其他社会工作事务支出0.19万元"], None),
    # the projects a performance paragraph counts by its measure word (涉及一级预算项目N个)
    ("烟台市民政局今年一共安排了几个项目？", ["绩效目标项目数为"], None),
    # (batch CB's classes)
    # a city written with a slip of its sound, right before its department
    ("杭洲交通运输局今年三公经费是多少", ["杭州市交通运输局", "“三公”经费为873.20万元"], None),
    ("福洲医保局26年部门预算总额是多少", ["福州市医疗保障局", "351904.90万元"], None),
    # a fund's income the catalogue does not divide, asked where it goes: its spending's lines
    (
        "深圳市交通局政府性基金那4165万，具体分到哪几块了？",
        ["民航安全69.00万元", "通用航空发展4053.00万元"],
        None,
    ),
    # the table named as where to look (项目绩效目标表里) is a place; a clause asking the ranking
    # again (最少的又是哪个) after one asking its amount goes on with that ranking
    (
        "福州市医保局公开的项目绩效目标表里，资金最多的是哪个项目，多少钱？最少的又是哪个？",
        ["141405.00万元", "市属困难企业在职职工财政补助7.14万元"],
        None,
    ),
    # why a line said in its own words changed (给公交的运营补助): that line's change and reason
    (
        "杭州交通运输局给公交的运营补助今年为什么比去年少了那么多？",
        ["公共交通运营补助为68000.00万元", "比上年减少147000.00万元"],
        None,
    ),
    # (batch CC's classes)
    # the parts of 公务用车购置及运行费 said without their ending (公车购置, 公车运维)
    (
        "烟台市司法局2026年三公经费多少？公车购置、公车运维、接待费分别多少",
        ["公务用车购置费为15.20万元", "公务用车运行费为22.05万元", "公务接待费为5.01万元"],
        None,
    ),
    # a line the tables print, written with a slip of its sound (政协事物)
    (
        "江苏政协办公厅2018年政协事物下面哪三项花钱最多？",
        ["政协事务为7747.46万元", "行政运行4432.78万元", "政协会议814.16万元"],
        None,
    ),
    # (forty-fourth session: batch CD's classes)
    # a department said with a unit word its name does not end with, after its city (科委 of
    # 科技创新局, 交通委 of 交通运输局, 交通局 of 交通委员会)
    ("深圳科委今年预算多少", ["深圳市科技创新局", "991722.33万元"], None),
    ("深圳交通委今年三公经费多少", ["深圳市交通运输局", "“三公”经费为147.90万元"], None),
    ("北京交通局今年三公经费多少", ["北京市交通委员会", "“三公”经费为1328.22万元"], None),
    # a figure named inside another, then asked 其中 which of its lines is largest
    (
        "江苏省政协办公厅2017年财政拨款基本支出里的公用经费一共多少？其中哪一项最多，多少钱？",
        ["公用经费为1131.92万元", "差旅费200.00万元"],
        None,
    ),
    # a department's units said with their count: the organ itself among them
    (
        "杭州交通局7家单位里预算最多的是哪两家",
        ["杭州市交通运输局（本级）510673.56万元", "杭州市交通运输行政执法队41308.52万元"],
        None,
    ),
    # shares asked of a year printed only beside the next year's figures
    (
        "烟台市自然资源和规划局去年的三公是多少？公车和接待各占多少？",
        ["2025年“三公”经费为8.64万元", "公务用车购置及运行费占“三公”经费的9.26%"],
        None,
    ),
    # what each of the projects counted costs (每个多少钱): item by item
    (
        "烟台宣传部今年有几个项目做了绩效目标？每个多少钱？",
        ["绩效目标项目数为9个", "没有逐项列出绩效目标金额", "宣传工作经费1278.00万元"],
        None,
    ),
    # the cars held at the end of last year (截至去年底): what this year's budget states
    (
        "截至去年底杭州司法局有多少辆车？执法执勤用车几辆？",
        ["车辆（含公务用车）为56辆", "执法执勤用车35辆"],
        None,
    ),
    # (batch CE's classes)
    # the 类 said as the level ranked (按功能科目（类）看，最多的两类；最少的是哪类): those 类
    (
        "杭州市公安局的钱按功能科目（类）看，花得最多的两类是什么、各多少？最少的是哪类？",
        [
            "公共安全支出325711.11万元",
            "科学技术支出32240.98万元",
            "资源勘探工业信息等支出2448.58万元",
        ],
        None,
    ),
    # the units a department's budget counts, stated under a heading inside a paragraph
    ("北京市交通委的部门预算包括多少家单位？", ["部门预算共计32个单位"], 5),
    # the cars of a department with its units (连下属单位): a count, not the units
    ("杭州公安局连下属单位一共有多少辆车？", ["车辆（含公务用车）为943辆"], None),
    # (batch CG's classes)
    # a change said roughly (一下子多了一百多万) asked why: the total's change and its reason
    (
        "烟台市民政局今年预算比去年一下子多了一百多万，咋回事？",
        ["本年支出合计为5609.33万元，比上年增加110.01万元", "支出预算增加110.01万元"],
        None,
    ),
    # the costliest of the things counted (几个项目？钱最多的是哪个): the projects ranked
    (
        "烟台宣传部今年一共安排了几个项目？钱最多的是哪个，多少钱？",
        ["绩效目标项目数为9个", "城市综合营销和对外宣传专项资金2890.00万元"],
        None,
    ),
    # projects asked by a word of their names (跟宣传有关的项目): those whose names hold it
    (
        "烟台宣传部跟宣传有关的项目有哪些？各多少钱？",
        ["宣传工作经费1278.00万元", "城市综合营销和对外宣传专项资金2890.00万元"],
        None,
    ),
    # (batch CH's classes)
    # a department's name written with a slip that holds a printed line's words (退役军人事物局):
    # the department, and every part of the figure asked
    (
        "深圳市退役军人事物局今年三公经费多少？出国、招待、公车分别是多少",
        ["深圳市退役军人事务局", "因公出国（境）费为4.38万元", "公务接待费为5.00万元"],
        None,
    ),
    # the units asked, then the cars of the organ and its units (局里和下属单位): both
    (
        "杭州公安局下面有几个单位？局里和下属单位一共有多少辆车？",
        ["按单位列出10个单位", "车辆（含公务用车）为943辆"],
        None,
    ),
    # (batch CI's classes)
    # the lines under a 款 said as its spending (“法院”这一款下面的几项支出): ranked within it
    (
        "江苏省高院2019年“法院”这一款下面的几项支出，哪项最多、哪项最少？分别多少？",
        ["行政运行17279.29万元", "其他法院支出630.00万元"],
        None,
    ),
    # the organ itself said inside a figure (三公经费里局本级占了多少): its share of the whole's
    (
        "湖州财政局三公经费里局本级占了多少？占全部三公的比例是多少",
        ["湖州市财政局（本级）的“三公”经费为7.50万元", "80.65%"],
        None,
    ),
    # (forty-fifth session: batch CJ's classes)
    # a department's unit word written with a character of its sound (审计据 of 审计局)
    ("深圳审计据今年预算多少", ["深圳市审计局", "10737.69万元"], None),
    # a catalogue name of three characters written with a slip of its sound (招代费)
    ("福州医保局今年招代费预算多少", ["公务接待费为5.00万元"], None),
    # the level said in brackets in everyday words (连下属单位一起): the department's document
    ("杭州公安局26年部门预算（连下属单位一起）一共多少钱", ["404415.23万元"], None),
    # lines listed with the ending they share said once (学前、小学、初中、高中教育), asked which
    # is largest and smallest: each, then those two; a line not printed is not its sibling's
    (
        "烟台教育局学前、小学、初中、高中教育这几项，哪项最多、哪项最少？",
        ["其中最多的是高中教育，72190.51万元", "最少的是初中教育，1184.95万元"],
        None,
    ),
    # a subject line asked of the 财政拨款 tables: the 财政拨款支出表 that prints it
    (
        "无锡人社局财政拨款里行政事业单位养老支出多少",
        ["财政拨款安排的行政事业单位养老支出为97483.21万元"],
        24,
    ),
    # a project named with its unit, then its share of the department's 项目支出
    (
        "北郊监狱那个狱政设施建设项目，占杭州司法局全部项目支出的百分之几？",
        ["杭州市北郊监狱狱政设施建设占项目支出的45.25%"],
        None,
    ),
    # (batch CK's classes)
    # figures listed as examples (这些): every part of their whole, as printed
    (
        "江苏政协办公厅18年的钱，基本支出、项目支出这些各是多少？",
        ["基本支出5678.17万元", "项目支出3314.68万元", "单位预留机动经费1157.63万元"],
        None,
    ),
    # the projects counted, asked what they are called (叫啥): item by item
    ("烟台宣传部今年有几个项目做了绩效目标？叫啥？", ["宣传工作经费1278.00万元"], None),
    # (batch CM's classes)
    # a measure word written with a slip (多少俩车): the cars counted
    ("福州交警一共有多少俩车？", ["车辆（含公务用车）为233辆"], None),
    # a budget against last year's execution, its rate as the text writes it too
    ("杭州交通运输局26年支出预算比上年执行数涨了百分之几？", ["19.26%，说明文字写作19.3%"], None),
    # what the money is used for (主要是用于…) is no reason: the reason said after it is
    ("深圳交通局今年招待费为什么减", ["减少10.01万元", "紧日子"], None),
    # (batch CN's classes)
    # 量 for 辆 after 多少; a price bound said without 元 (单价100万以上)
    ("福州交警公务用车有多少量？", ["车辆（含公务用车）为233辆"], None),
    ("北京教委单价100万以上的设备有多少台", ["单价100万元以上设备数为1895台（套）"], None),
    # the units under a department said as 那么多单位, then 哪家: its units ranked
    (
        "杭州交通局下面那么多单位，哪家预算最多？",
        ["杭州市交通运输行政执法队41308.52万元"],
        None,
    ),
    # (batch CO's classes)
    # a share said as 百分之多少花在…; a share within a fund's spending: of that fund's own lines
    ("重庆市水利局的钱有百分之多少花在农林水支出上？", ["农林水支出占本年支出合计的55.18%"], None),
    (
        "重庆规划和自然资源局一般公共预算支出里，项目支出占比多少？",
        ["一般公共预算安排的项目支出为114947.89万元", "50.43%"],
        None,
    ),
    # how to look at the figures said in a clause of its own (…按功能分类，哪两块最大): its 类
    (
        "重庆市水利局2026年按功能分类，哪两块支出最大？",
        ["农林水支出102942.13万元", "其他支出40000.00万元"],
        None,
    ),
    # the parts of an amount counted (涉及几个功能大类): how many, each with its amount
    (
        "江苏省政协办公厅2018年财政拨款支出涉及几个功能大类？每类多少钱？",
        ["分为3项", "一般公共服务支出7747.46万元", "住房保障支出1499.26万元"],
        None,
    ),
    # (batch CP's classes)
    # projects with targets no text counts: the forms counted, each named
    (
        "福州商务局预算里公开了几个项目的绩效目标表？",
        ["绩效目标项目数为8个", "商务发展资金11600.00万元"],
        None,
    ),
    # a measure word slipped before what it counts (多少量公车)
    ("长沙市公安局现在有多少量公车？", ["车辆（含公务用车）为102辆"], None),
    # a share clause opening with a character of 占's sound (站总支出的比例)
    (
        "江苏政协办公厅2018年基本支出多少，站总支出的比例是多少？",
        ["基本支出占本年支出合计的55.94%"],
        None,
    ),
    # a department's whole asked by the name of a file holding it under another name
    ("无锡水务局26年部门预算一共多少钱？", ["本年支出合计为87404.90万元", "文件名称之为"], None),
    # (batch CQ's classes)
    # a city written with a sound many speakers blur (深证 for 深圳)
    ("深证住建局今年三公经费多少", ["深圳市住房和建设局（本级）", "53.09万元"], None),
    # where the money comes from: a printed part (一、财政拨款) with the funds below it
    (
        "湖州市交通运输局今年的钱都是从哪来的？每块多少",
        ["一般公共预算财政拨款收入52244.36万元", "政府性基金预算财政拨款收入139963.40万元"],
        None,
    ),
    # a department's units asked as 下面各个单位…分别是多少
    (
        "湖州市财政局下面各个单位今年预算分别是多少？",
        ["湖州市财政项目预算审核中心731.02万元", "湖州市财政票据管理中心273.77万元"],
        None,
    ),
    # each part's share, the parts said in their own words after the whole (买车, 日常运行维护)
    (
        "北京市交通委26年公车那块里头，买车和日常运行维护各占多少？",
        ["公务用车购置费占公务用车购置及运行费的57.56%", "42.44%"],
        None,
    ),
    # (batch CR's classes)
    # 预算 written with a character of its sound (预酸)
    ("北京交通委26年的预酸一共多少钱？", ["本年支出合计为1448787.35万元"], None),
    # two figures, then the parts of the first asked in the next clause: the first is answered
    (
        "深圳审计局今年基本支出和项目支出分别多少？基本支出里人员经费、公用经费各是多少",
        ["基本支出为9206.23万元", "项目支出为1531.45万元", "人员经费为6516.50万元"],
        None,
    ),
    # (batches CS, CT and CU's classes)
    # a city named with the department's name slipped in sound: that city's department
    ("重庆规划自然资原局的公务接待费是多少", ["重庆市规划和自然资源局", "279.19万元"], None),
    # a share of the whole said (占总数): of the total on the part's side, income here
    (
        "重庆规划自然资源局今年一般公共预算拨款多少，占总数的比重是多少？",
        ["227955.11万元", "本年收入合计为583429.56万元", "39.07%"],
        None,
    ),
    # the share of the year's money (今年的钱里): of the total, with the text's own part and percent
    ("杭州公安今年的钱里人员支出占多大比例？", ["60.94%", "61.90%", "250110.65万元"], None),
    # where the money goes, divided by the tables and by the narrative's own words
    (
        "深圳市民政局那28283.46万预算具体包括哪几块，各是多少？",
        ["社会保障和就业支出7366.68万元", "增人增资100.00万元", "项目支出22701.77万元"],
        7,
    ),
    # an item listed without the word of money it shares with the others (项目 of 项目支出)
    ("深圳市退役军人事务局人员经费、公用经费、项目这些分别多少", ["项目支出为52660.55万元"], None),
    # a share asked after 其中 of a figure asked before it: of that figure
    (
        "上海市自然资源确权登记事务中心2026年政府采购预算多少？其中服务类多少，占比多少？",
        ["政府采购服务占政府采购的99.39%"],
        None,
    ),
    # each of a department's units asked with a count said (下面几个单位), then the largest: all
    # of them, in order, the organ itself among them
    (
        "深圳市建筑工务署下面几个单位的预算各是多少？哪家最多？",
        ["深圳市建筑工务署（本级）14480.17万元", "工程设计管理中心5570.36万元"],
        19,
    ),
    # the largest and the smallest unit, in clauses of their own after the units said
    (
        "深圳市建筑工务署下面的单位（不算本级），哪家预算最多、哪家最少？",
        [
            "最多的一个：深圳市建筑工务署工程管理中心8236.21万元",
            "最少的一个：深圳市建筑工务署工程设计管理中心5570.36万元",
        ],
        19,
    ),
    # which purchase costs most, its kind of item said between 哪个 and 项目: of 政府采购's items
    (
        "省委办公厅19年政府采购总共多少？具体哪一个采购项目钱最多，是多少？",
        ["政府采购为1422.50万元", "872.10万元"],
        None,
    ),
    # (batches CV and CW's classes)
    # a fund said right before a line in a share: the fund the part is of, not a figure of it
    (
        "杭州市公安局一般公共预算里基本支出占多大比例",
        ["基本支出占一般公共预算财政拨款支出的79.19%"],
        None,
    ),
    # the level said in brackets with a verb after it: the whole department's total
    (
        "无锡市住建局今年的部门预算（连下属单位一起算）一共多少钱？",
        ["本年支出合计为106428.00万元"],
        None,
    ),
    # a 款 quoted, its 项 ranked both ways (not the 类 of all the spending)
    (
        "江苏省人民检察院2019年“检察”这一款下面，哪个科目的钱最多？哪个最少？",
        ["行政运行12268.62万元", "事业运行315.00万元"],
        None,
    ),
    # (batch CY's classes)
    # a department named with its city after it in brackets; the largest of the projects
    # counted, asked with no word of money
    (
        "市委宣传部(烟台)今年一共几个项目？最大的是哪个，多少钱？",
        ["绩效目标项目数为9个", "城市综合营销和对外宣传专项资金2890.00万元"],
        None,
    ),
    # a share clause pointing at the 类 named before (这一类占…): that 类's share
    (
        "烟台大数据局的钱大头是不是都在资源勘探工业信息等支出？这一类占总支出百分之多少？",
        ["资源勘探工业信息等支出占本年支出合计的95.44%"],
        None,
    ),
    # a change said with 减低, and a part asked 其中 after its whole's change
    ("长春市信访局今年公务接待费比2025年少了多少", ["减少0.27万元"], None),
    # (batch CZ's class) an item of 政府采购 in the asker's words: the listed item holding most
    # of them in their order; two words for one item name it once
    (
        "江苏人大2018年政府采购预算中，第十三届省人代会一次会议的经费是多少",
        ["江苏省第十三届人代会一次会议经费会议费950.00万元"],
        18,
    ),
    ("江苏人大2018年政府采购里，立法费和法制专刊的费用多少", ["印刷费120.00万元（"], 18),
    # (batch DA, DB and DC's classes)
    # a line's last year read from its table's column headed by that year alone (2025年预算数
    # beside 2026年预算数/总计, /基本支出…)
    ("重庆政府办公厅一般行政管理事务比去年预算多了多少？", ["增加2193.22万元", "36.39%"], 15),
    # the projects asked with the unit each is of: the projects ranked, not the units
    (
        "杭州市公安局2026年哪个单位的哪个项目钱最多？",
        ["杭州市公安局日常保障运行28772.44万元"],
        None,
    ),
    # the largest line under the largest part, with its share of the whole asked after it
    (
        "深圳市科技创新局项目支出中哪一项最大？金额多少，占全部项目支出的百分之几？",
        ["实验室及相关设施530850.00万元", "占项目支出的53.85%"],
        None,
    ),
    # a city's name that begins what the money is for, after the department's own city
    ("福州科技局今年给福州大学安排了多少钱？", ["20000.00万元"], None),
    # why and for what, asked together: the sentences of both
    (
        "无锡商务局怎么冒出来一笔科学技术支出？12500万是干嘛用的，为啥放到科技类里",
        ["主要用于农贸市场改造提升", "产业科技资金池"],
        None,
    ),
    # two counts only the narrative states, asked together: a sentence for each
    (
        "郑州土地储备中心有多少事业编制？内设了几个处室？",
        ["事业编制65名", "10个处室。”"],
        None,
    ),
    # a figure the narrative says there is none of, with what there is instead said next
    (
        "烟台科技局的机关运行经费是多少？",
        ["无机关运行经费", "事业运行经费财政拨款预算为97.8万元"],
        None,
    ),
    # (batch DD's classes)
    # a ranking clause after a clause naming one department's figure: that figure's parts
    ("深圳市司法局项目支出一共多少？哪三个最多？", ["1. 公共法律服务3493.83万元"], None),
    # lines named only as examples of the level to divide by: no figures asked
    ("烟台教育局教育支出按普通教育、成人教育这种分，哪类最多？", ["职业教育216674.16万元"], None),
    # 钱 and 辆 written with a slip of their sound
    ("深圳信访局今年一共多少前", ["4684.30万元"], None),
    ("深圳审计局有几两公车？", ["2辆"], None),
    # (batch DE's classes)
    # a department's unit word written with a slip: the department, not a label it begins
    ("深圳市政府办公听2026年机关运行经费预算多少", ["847.01万元"], None),
    # the parts of a figure counted in blocks (分成几大块), ranked both ways
    (
        "深圳市退役军人事务局的项目支出分成几大块，哪块钱最多、哪块最少？",
        ["退役军人补助38997.60万元", "退役安置170.68万元"],
        None,
    ),
    # (batch DF's classes)
    # figures of the catalogue and a label's, asked together, then 各占多少比例: each one's share
    (
        "江苏省委办公厅17年基本支出、项目支出和机动经费各多少，各占多少比例？",
        ["基本支出占本年支出合计的47.79%", "项目支出占本年支出合计的51.27%", "0.94%"],
        None,
    ),
    # 政采, the word 政府采购 is said by in short
    ("福州医保局政采多少？货物和服务各多少", ["政府采购货物252.62万元"], None),
    # (batch DG's classes)
    # units said with what they are in before 的 (纳入部门预算的下属单位)
    (
        "无锡人社局纳入部门预算的下属单位中，哪家最少？",
        ["无锡市劳动人事争议仲裁院452.21万元"],
        None,
    ),
    # the organ left out in a clause of its own between the units and their ranking
    (
        "无锡人社局下面的单位，除了局本级，哪两家预算最多？",
        ["无锡市社会保险基金管理中心118788.13万元"],
        None,
    ),
    # (batch DH's class) a 款 quoted inside its 类 with 这一款, then a ranking clause: its 项
    (
        "重庆水利局农林水支出里“水利”这一款，最多的两项是什么？",
        ["1. 水利工程建设58461.30万元", "2. 一般行政管理事务10792.76万元"],
        None,
    ),
    # (batch DJ's class) cars of the kind 一般公务用车, counted where the text states them
    ("江苏省检察院2019年一般公务用车有几辆？", ["一般公务用车13辆"], None),
    # (batch DL's classes) a part listed with its note in brackets (出国（境）), and the parts
    # added up without the whole named before them
    (
        "江苏省人大常委会2018年三公经费预算：出国（境）、公务用车、公务接待各多少？三项加起来多少？",
        ["因公出国（境）费为222.50万元", "合计833.60万元"],
        None,
    ),
    # a share clause naming its whole as where the part stands (在三公经费里占几成)
    ("江苏政协办工厅17年的招待费预算多少？在三公经费里占几成？", ["占“三公”经费的65.60%"], None),
    # why a line appears, asked without 为什么
    ("无锡市商务局2026年预算里怎么冒出来1.25亿的科学技术支出？", ["产业科技资金池"], None),
    # what is left after the part the clause before named: the whole broken down
    (
        "上海市中医文献馆2026年总收入里财政拨款占几成？剩下的钱都从哪来？",
        ["财政拨款收入占本年收入合计的32.06%", "事业收入5707.43万元"],
        None,
    ),
    # staff counted (编制是多少人), the document named as where it is written
    ("江苏省人大常委会2018年部门预算公开里写的编制是多少人？", ["编制338名"], None),
    # (batch DM's and DN's classes) a part listed by words of its name (用车) or with a slip of
    # its sound (招代), between other parts of the same whole
    ("北京市交管局26年三公经费多少？出国、用车、招待各是多少", ["公务用车购置及运行费为75"], None),
    ("深圳市科技创新局2026年三公经费里出国、招代、公车分别多少？", ["公务接待费为3.00万元"], None),
    # units of a kind ranked with units at large beside them (分局和下属单位): all of them
    (
        "泉州市公安局2026年预算，局本级以外的那几个分局和下属单位里，哪家收入预算最多？排前两名的各多少",
        ["泉州市公安局警务辅助中心6408.78万元"],
        None,
    ),
    # the budget's subsidy to a social insurance fund is its own line, not refused
    ("福州医保局2026年城乡居民医保基金补助支出多少", ["82000.00万元"], None),
    # (batch DO's classes) people to be trained, as the text of the 培训费 says
    ("长沙市公安局2025年培训费多少？准备培训多少人？", ["培训费为163.46万元", "人数5000人"], None),
    # projects listed by a 项目支出及其他支出预算表
    (
        "2026年珠海市商务局的项目里，金额最大的前三个是哪几个，各多少？",
        ["辅助人员补助经费-拱北海关7672.50万元", "口岸现场水电费6905.22万元"],
        None,
    ),
]


@pytest.fixture(scope="module")
def national(national_corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Ingested:
    paths = [national_corpus / d for d in DOCUMENTS]
    return Ingested.run(tmp_path_factory.mktemp("national-data"), *paths)


@pytest.mark.parametrize(("question", "figures", "page"), CASES)
def test_figures_and_citations(
    national: Ingested, question: str, figures: list[str], page: int | None
) -> None:
    answer = national.engine.ask(question, Scope())
    assert not answer.refused, answer.answer
    for figure in figures:
        assert figure in answer.answer, answer.answer
    assert answer.citations, answer.answer
    if page is not None:
        assert page in {c.page for c in answer.citations}, answer.citations


def test_two_figures_asked_each_and_how_far_apart_are_answered_once(national: Ingested) -> None:
    for question in (
        "江苏省人民检察院2019年基本支出和项目支出各是多少？哪个多，多多少？",
        "江苏省人民检察院2019年的项目支出是不是比基本支出还多？各多少，差多少？",
    ):
        answer = national.engine.ask(question, Scope())
        assert "15844.04" in answer.answer and "4335.30" in answer.answer, answer.answer
        assert "11508.74万元" in answer.answer, answer.answer
        assert "分项数字" not in answer.answer, answer.answer


def test_a_use_listed_among_others_has_no_amount_of_its_own(national: Ingested) -> None:
    # 长沙市信访局: 委托业务费预算总额104.82万元，主要用于信访推广宣传服务、律师咨询服务、心理
    # 咨询服务、…
    one = national.engine.ask("长沙市信访局2026年心理咨询服务花多少钱？", Scope())
    assert one.refused and "没有单列“心理咨询服务”的金额" in one.answer, one.answer
    assert "104.82万元" in one.answer, one.answer
    question = "长沙市信访局2026年律师咨询、心理咨询这些服务花多少钱？"
    together = national.engine.ask(question, Scope())
    assert not together.refused and "104.82万元" in together.answer, together.answer


def test_two_bodies_of_one_name_under_departments_stored_or_not_are_asked_which(
    national: Ingested,
) -> None:
    answer = national.engine.ask("执法总队今年三公经费多少", Scope())
    for name in ("上海市应急管理局执法总队", "上海市文化和旅游局执法总队"):
        assert name in answer.answer, answer.answer


def test_amounts_quoted_pick_the_namesake_whose_tables_print_them(national: Ingested) -> None:
    question = "执法总队三公表里出国费38万，经济分类表里因公出国费才18万，这对得上吗？"
    answer = national.engine.ask(question, Scope())
    assert "请问是哪一个" not in answer.answer, answer.answer
    assert {c.file for c in answer.citations} == {"2026年上海市文化广电旅游体育局_部门预算.pdf"}


def test_a_tables_total_row_is_no_line_of_the_last_line_above_it(national: Ingested) -> None:
    answer = national.engine.ask("上海域外农场办今年的钱都花哪了？", Scope())
    assert "农垦运行11885.40万元" in answer.answer, answer.answer
    assert "其中：合计" not in answer.answer, answer.answer


def test_a_use_named_with_its_city_is_no_region_of_the_question(national: Ingested) -> None:
    answer = national.engine.ask("深圳宣传部今年办深圳书展花多少钱？", Scope())
    assert answer.refused and "没有单列“办深圳书展”的金额" in answer.answer, answer.answer
    assert "15,000.00万元" in answer.answer, answer.answer


def test_a_body_named_after_its_department_that_no_row_prints_is_refused(
    national: Ingested,
) -> None:
    answer = national.engine.ask("深圳建筑工务署教育工程管理中心今年预算多少？", Scope())
    assert answer.refused and "没有单列教育工程管理中心" in answer.answer, answer.answer
    assert "6832.94" not in answer.answer, answer.answer  # not the row 工程管理


def test_projects_ranked_where_no_table_lists_them_are_refused(national: Ingested) -> None:
    answer = national.engine.ask("无锡水利局2026年哪个项目钱最多", Scope())
    assert answer.refused and "没有按项目列出" in answer.answer, answer.answer


def test_a_standard_per_head_is_never_disclosed(national: Ingested) -> None:
    for question in (
        "江苏省人民检察院2019年开省人代会，每位代表一天的食宿标准是多少？",
        "江苏省政协2018年委员视察的钱，平均到每个委员身上是多少？",  # no table counts 委员
        "江苏省政协2018年委员视察经费摊到每位委员头上是多少？",
    ):
        answer = national.engine.ask(question, Scope())
        assert answer.refused and "发放标准" in answer.answer, answer.answer
    # what is disclosed instead is said of the year asked, not of the latest
    question = "江苏省政协2017年委员视察的钱，平均到每个委员身上是多少？"
    answer = national.engine.ask(question, Scope())
    assert "2017年部门预算公开了" in answer.answer, answer.answer


def test_a_whole_the_text_compares_only_by_its_parts_changed_as_they_did(
    national: Ingested,
) -> None:
    # 福州市科学技术局(本级): 三公 9.14 in the table only; 因公出国、公务接待、公车的购置和运行
    # each “与上年持平”
    answer = national.engine.ask("福州科技局2026年三公经费跟去年比有变化吗？", Scope())
    assert "9.14万元，与上年持平" in answer.answer, answer.answer


def test_a_question_asking_which_way_a_figure_went_takes_neither_for_granted(
    national: Ingested,
) -> None:
    answer = national.engine.ask("烟台市民政局三公经费比去年是多是少，为什么？", Scope())
    assert "减少2.70万元" in answer.answer and "主要原因" in answer.answer, answer.answer
    assert "需要先说明" not in answer.answer, answer.answer


def test_a_share_pointing_at_the_item_named_before_is_that_items(national: Ingested) -> None:
    """After 深圳审计局's largest project (综合管理), 这个项目占全部项目支出 is that project's share
    of the 项目支出, not the 项目支出's of the whole."""
    first = national.engine.ask("深圳审计局哪个项目预算最多？", Scope())
    assert "综合管理918.01万元" in first.answer
    answer = national.engine.ask("这个项目占全部项目支出的比重是多少？", Scope(), first.session_id)
    assert "综合管理占项目支出的59.94%" in answer.answer, answer.answer


def test_what_was_spent_on_a_project_of_a_year_only_budgeted_is_its_plan(
    national: Ingested,
) -> None:
    """深圳信访局 has published its 2026 budget, no 决算: what its hall's lawyers cost is
    refused, quoting the budget's sentence that plans it, said to be the plan."""
    answer = national.engine.ask("深圳信访局大厅律师服务费2026年实际花了多少", Scope())
    assert answer.refused
    assert "大厅律师服务支出120万元" in answer.answer
    assert "这是计划数，不是实际支出" in answer.answer
    assert answer.citations[0].page == 7


def test_an_own_part_not_printed_apart_is_refused_with_the_whole(national: Ingested) -> None:
    """深圳工务署's tables by unit do not print its 本级 人员经费: refused, saying the own part
    is not printed apart, with the whole's figure."""
    answer = national.engine.ask("深圳工务署本级的人员经费", Scope())
    assert answer.refused, answer.answer
    assert "3169.47" in answer.answer and "没有单独列出本级" in answer.answer, answer.answer


def test_what_was_spent_the_year_before_a_budget_is_the_execution_it_compares_with(
    national: Ingested,
) -> None:
    """杭州市交通运输局 discloses only its 2026 budget, whose narrative compares with 2025's
    execution (比上年执行数增加107573.11万元): what was actually spent last year is that."""
    for question in ("杭州交通局去年实际执行了多少钱？", "杭州市交通运输局2025年的执行数是多少？"):
        answer = national.engine.ask(question, Scope())
        assert "2025年预算执行数为558391.26万元" in answer.answer, answer.answer
        assert "增加107573.11万元" in answer.answer, answer.answer


def test_an_empty_performance_table_says_nothing_of_the_money(national: Ingested) -> None:
    """烟台市统计局's 政策和项目预算绩效目标表 is read empty: no “没有” is said of its projects
    (a table printed empty says there is none only where its note says so, and never a 绩效目标
    表); 三公's empty table with its note does (test_ask_real)."""
    answer = national.engine.ask("烟台市统计局有几个项目做了绩效目标？", Scope())
    assert not answer.answer.startswith("没有。"), answer.answer
    # the count its text writes in characters (长春: 公开四个二级项目支出绩效目标), not the one
    # project its table is read with, nor the table's own number (…预算表（预算表11）)
    empty = national.engine.ask("长春市信访局（本级）2026年有几个项目做了绩效目标？", Scope())
    assert "绩效目标项目数为4个" in empty.answer and "11" not in empty.answer, empty.answer


def test_a_department_a_file_is_named_after_is_not_stored(national: Ingested) -> None:
    """Its own 部门 document asked for: a refusal naming the unit whose the file is."""
    answer = national.engine.ask("上海市交通运输局整个部门的预算总额是多少？", Scope())
    assert answer.refused, answer.answer
    assert "没有收录上海市交通运输局本身" in answer.answer, answer.answer
    assert "上海交通职业技术学院" in answer.answer, answer.answer


def test_a_body_of_a_government_is_asked_by_its_whole_name(national: Ingested) -> None:
    """北京市电影事业发展中心 is no 北京市发展中心, nor then 北京市发展和改革委员会."""
    answer = national.engine.ask("北京市电影事业发展中心今年自己的预算是多少？", Scope())
    assert answer.refused and "北京市电影事业发展中心" in answer.answer, answer.answer


def test_a_body_named_close_to_one_stored_name_is_that_body_for_the_turns_after(
    national: Ingested,
) -> None:
    """上海确权登记中心: no name the directory knows, one stored name alone is close to it
    (上海市自然资源确权登记事务中心, the file of 上海市规划和自然资源局): its 为什么 is read
    from its own document, and the next turn goes on with it."""
    first = national.engine.ask("上海确权登记中心财政拨款今年比去年少了多少？原因是什么？", Scope())
    assert "878.00" in first.answer and "项目经费减少" in first.answer, first.answer
    assert "普陀" not in first.answer, first.answer
    then = national.engine.ask("其中政府性基金那部分呢，少了多少？", Scope(), first.session_id)
    assert "956.00" in then.answer and "确权登记" in then.answer, then.answer


def test_figures_named_after_a_share_are_each_a_share_of_the_whole_asked(
    national: Ingested,
) -> None:
    """那出国和公车呢, after 招待费占三公经费的比例: each one's share of the 三公经费, not one's
    share of the other."""
    first = national.engine.ask(
        "江苏省委办公厅18年招待费预算多少，占三公经费的比例是多少？", Scope()
    )
    assert "公务接待费占“三公”经费的5.31%" in first.answer, first.answer
    then = national.engine.ask("那出国和公车呢？", Scope(), first.session_id)
    assert "因公出国（境）费占“三公”经费的13.77%" in then.answer, then.answer
    assert "公务用车购置及运行费占“三公”经费的80.91%" in then.answer, then.answer


def test_a_body_its_department_prints_nothing_of_is_refused_not_given_the_total(
    national: Ingested,
) -> None:
    """北京市统计局's text names no 普查中心 of its own: asked what it is given, the answer says
    it is not printed apart, and gives no department total in its place."""
    answer = national.engine.ask("北京市统计局2026年给北京市统计普查中心安排了多少预算？", Scope())
    assert answer.refused, answer.answer
    assert "没有单列北京市统计普查中心" in answer.answer, answer.answer


def test_a_body_the_text_leaves_out_is_refused_with_the_sentence_saying_so(
    national: Ingested,
) -> None:
    """江苏省委办公厅's 2019 部门预算 is of its 本级 and three units, 不含东郊国宾馆（自收自支）:
    asked what the guesthouse is given, no total, but that sentence."""
    question = "江苏省委办公厅2019年部门预算里，东郊国宾馆安排了多少钱？"
    answer = national.engine.ask(question, Scope())
    assert answer.refused, answer.answer
    assert "不含东郊国宾馆（自收自支）" in answer.answer, answer.answer
    assert "27664.22" not in answer.answer, answer.answer


def test_a_unit_named_in_full_is_not_another_governments_namesake(national: Ingested) -> None:
    """北京市学生资助发展中心 ends like 无锡's and 泉州's 发展…中心, but is written with 北京市: a
    unit under 北京市教委 that nothing prints apart, not a choice between other cities'."""
    question = "北京市教委下属的北京市学生资助发展中心今年分到多少预算？"
    answer = national.engine.ask(question, Scope())
    assert answer.refused, answer.answer
    assert "没有单列北京市学生资助发展中心" in answer.answer, answer.answer


def test_a_change_of_a_figure_the_text_says_there_is_none_of_quotes_it(
    national: Ingested,
) -> None:
    """上海市中医文献馆 says 本单位无机关运行经费: asked how it compares with last year, the
    answer says it is not printed and quotes that, not that last year's is missing."""
    answer = national.engine.ask("上海中医文献馆今年机关运行经费比去年多吗？", Scope())
    assert "本单位无机关运行经费" in answer.answer, answer.answer
    assert "2025年的机关运行经费数据" not in answer.answer, answer.answer


def test_one_figure_named_twice_is_asked_once(national: Ingested) -> None:
    """请客吃饭的公务接待费 names 公务接待费 in its everyday words and then its own: its change
    is said once, not once for each name."""
    question = "江苏省检察院2019年请客吃饭的公务接待费比上年增加还是减少？"
    answer = national.engine.ask(question, Scope())
    assert answer.answer.count("减少15.24万元") == 1, answer.answer


def test_a_figure_a_text_only_file_does_not_print_is_refused(national: Ingested) -> None:
    """北京市人民政府办公厅's file is its text only: 办公费 “具体是多少” is not printed, and no
    passage of another figure stands in for it."""
    answer = national.engine.ask("北京市府办公厅2026年办公费预算具体是多少？", Scope())
    assert answer.refused, answer.answer
    assert "没有公开“办公费”" in answer.answer, answer.answer


def test_a_table_figure_the_text_rounds_is_no_disagreement(national: Ingested) -> None:
    answer = national.engine.ask("上海交院今年预算一共多少钱？", Scope())
    assert "不一致" not in answer.answer, answer.answer


def test_a_reply_naming_a_city_picks_a_department_written_with_its_party(
    national: Ingested,
) -> None:
    """中共深圳市委宣传部 is 深圳's, though its name does not begin with the city."""
    asked = national.engine.ask("宣传部今年三公经费多少？", Scope())
    assert "中共烟台市委宣传部" in asked.answer, asked.answer
    picked = national.engine.ask("深圳的。", Scope(), asked.session_id)
    assert "中共深圳市委宣传部" in picked.answer and "121.95" in picked.answer, picked.answer


def test_this_year_and_last_asked_together_and_again_of_another_figure(
    national: Ingested,
) -> None:
    """烟台宣传部 prints 2025 beside 2026 in its 三公 table; no 2025 document is stored."""
    asked = national.engine.ask("烟台市委宣传部三公经费今年多少，去年多少？", Scope())
    for said in ("2026年", "27.22", "2025年", "30.62", "2026年部门预算表中印出的上年数"):
        assert said in asked.answer, asked.answer
    again = national.engine.ask("公务接待费呢？", Scope(), asked.session_id)
    assert "5.22" in again.answer and "8.22" in again.answer, again.answer


def test_what_a_budget_spent_last_year_is_not_its_stated_budget(national: Ingested) -> None:
    """深圳信访局's 2026 budget states its 2025 budget (较2025年年初预算减少…), not what 2025
    spent: that is refused, saying what is stored."""
    answer = national.engine.ask("深圳信访局2025年实际花了多少钱？", Scope())
    assert answer.refused, answer.answer
    assert "2026年预算" in answer.answer, answer.answer


def test_a_reply_to_a_clarifying_question_asks_it_again_of_the_one_picked(
    national: Ingested,
) -> None:
    asked = national.engine.ask("信访局今年预算多少？", Scope())
    assert "深圳市信访局" in asked.answer and "无锡市信访局" in asked.answer, asked.answer
    picked = national.engine.ask("无锡的", Scope(), asked.session_id)
    assert "无锡市信访局" in picked.answer and "2867.94" in picked.answer, picked.answer


def test_a_unit_under_a_department_is_read_from_its_own_rows_of_the_tables_by_unit(
    national: Ingested,
) -> None:
    """湖州市交通运输局's document prints each unit's rows in its 三公 table; a unit asked by
    its name (or as the department's: 下面的港航管理中心) gets its rows, a follow-up stays with
    it until the department is named, and its share is of the department's total."""
    asked = national.engine.ask("湖州交通运输行政执法队三公经费多少？其中买车的钱多少？", Scope())
    assert "372.56" in asked.answer and "101.20" in asked.answer, asked.answer
    total = national.engine.ask("湖州港航管理中心预算多少", Scope())
    assert "80424.19" in total.answer, total.answer
    its = national.engine.ask("它的三公经费呢？", Scope(), total.session_id)
    assert "122.60" in its.answer and "749.83" not in its.answer, its.answer
    whole = national.engine.ask("湖州市交通运输局的呢", Scope(), total.session_id)
    assert "749.83" in whole.answer, whole.answer
    parts = national.engine.ask("湖州港航管理中心三公经费由哪些构成", Scope())
    assert "104.60" in parts.answer and "18.00" in parts.answer, parts.answer
    assert "171.80" not in parts.answer, parts.answer  # the department's 购置费, not the unit's
    items = national.engine.ask("湖州交通技师学院有哪些项目", Scope())
    for said in ("教学事务管理", "261.40", "中职教育专项", "90.00", "351.40"):
        assert said in items.answer, items.answer
    under = national.engine.ask("湖州交通局下面的港航管理中心三公经费多少", Scope())
    assert "122.60" in under.answer, under.answer
    that = national.engine.ask("湖州交通局下面那个港航管理中心今年预算多少？", Scope())
    assert "80424.19" in that.answer, that.answer
    kinds = national.engine.ask("湖州交通局下面几个中心各分到多少预算？", Scope())
    assert "80424.19" in kinds.answer and "按单位列出" in kinds.answer, kinds.answer
    units = national.engine.ask("湖州市交通运输局下面管着几个单位", Scope())
    assert "8个" in units.answer and "湖州市港航管理中心" in units.answer, units.answer
    own = national.engine.ask("湖州市公路与运输管理中心三公经费占全局的比例", Scope())
    for said in ("249.00", "749.83", "33.21%"):
        assert said in own.answer, own.answer
    share = national.engine.ask("湖州港航管理中心占湖州市交通运输局预算的百分之几", Scope())
    for said in ("80424.19", "201286.11", "39.96%"):
        assert said in share.answer, share.answer


def test_two_departments_asked_in_turn_are_compared_when_asked_how_far_apart(
    national: Ingested,
) -> None:
    """北京市统计局's 三公经费, then 深圳市审计局's (a follow-up naming only the department), then
    两个差多少: the two figures, each of its own document, and the gap."""
    first = national.engine.ask("北京市统计局三公经费多少", Scope())
    assert "73.79" in first.answer, first.answer
    second = national.engine.ask("深圳审计局呢？", Scope(), first.session_id)
    assert "35.10" in second.answer, second.answer
    apart = national.engine.ask("两个差多少？", Scope(), first.session_id)
    for said in ("73.79", "35.10", "38.69"):
        assert said in apart.answer, apart.answer


def test_two_figures_asked_in_turn_are_added_up_or_compared_when_asked(
    national: Ingested,
) -> None:
    """杭州市司法局's 会议费 (91.30), then 培训费呢 (494.40), then 这两项加起来 (585.70) or 哪个多
    (the gap, 403.10): the two turns' figures, not the last one again."""
    asked_so = (
        ("这两项加起来是多少", "585.70"),
        ("两项合计是多少", "585.70"),
        ("哪个多？多多少？", "403.10"),
        ("哪个花得多", "403.10"),
    )
    for asked, said in asked_so:
        first = national.engine.ask("杭州市司法局2026年会议费多少", Scope())
        assert "91.30" in first.answer, first.answer
        second = national.engine.ask("培训费呢？", Scope(), first.session_id)
        assert "494.40" in second.answer, second.answer
        both = national.engine.ask(asked, Scope(), first.session_id)
        for figure in ("91.30", "494.40", said):
            assert figure in both.answer, (asked, both.answer)


# Conversations: each turn (question, figures its answer holds, words it must not hold), asked
# in one session; a turn carries over only what it leaves out.
CONVERSATIONS = [
    # (batch DM's class) each part's share asked after the parts were listed
    [
        ("江苏省高院2017年部门预算的支出由哪几部分构成？", ["单位预留机动经费182.92万元"], []),
        ("各占多大比例？", ["占59.35%", "占40.01%"], []),
    ],
    [
        ("深圳市科技创新局2026年三公经费里出国、接待、公车各多少？", ["公务接待费为3.00万元"], []),
        ("各占多大比例？", ["公务接待费占“三公”经费的"], []),
    ],
    # (batch DO's class) the classes a ranking named, each one's share of the total asked next
    [
        ("长春市信访局2026年支出按功能分类，花钱最多的是哪三类？", ["占81.91%"], []),
        ("这三类各占总支出多少比例？", ["一般公共服务支出1378.41万元（占81.91%）"], ["100.00%"]),
    ],
    # the largest unit and how much (the ranking says it), then its share asked by a pronoun
    [
        (
            "无锡人社局下属单位里哪个单位预算最多？多少钱？",
            ["无锡市社会保险基金管理中心118788.13万元"],
            ["本级"],
        ),
        ("它占全局总预算的百分之多少？", ["77.07%"], []),
    ],
    # a follow-up naming a part the answer listed by its last words: that part
    [
        (
            "深圳国资委那40多亿国有资本经营预算都花哪了？按大类说说",
            ["国有企业资本金注入376000.00万元"],
            [],
        ),
        (
            "那资本金注入里面哪一项最多？多少钱？",
            ["前瞻性战略性产业发展支出256000.00万元"],
            ["没有公开"],
        ),
    ],
    # the projects a figure is spent on, then which is largest and its share: of those projects
    [
        ("深圳审计局的项目支出都花在哪些项目上了？", ["综合管理918.01万元"], []),
        ("哪一块最多？占项目支出的百分之多少？", ["综合管理918.01万元", "59.94%"], ["100.00%"]),
    ],
    # a fund's change the text states only of the one part that is all of it this year
    [
        ("江苏省政协办公厅2017年部门预算一共多少钱？", ["9146.79"], []),
        (
            "那其中财政拨款有多少？涨了多少？",
            ["9066.79", "一般公共预算财政拨款收入9066.79万元，比上年增加498.72万元（增长5.82%）"],
            [],
        ),
    ],
    # a unit's own row asked, then another unit of the department's (那…呢): that unit's row
    [
        ("湖州交通技师学院2026年的预算是多少？", ["湖州交通技师学院为5615.04万元"], []),
        ("那水上应急救援中心呢？", ["湖州市水上应急救援中心为6925.73万元"], ["湖州交通技师学院"]),
    ],
    # the rest of a whole after one part named: the other parts its text lists
    [
        ("郑州土储中心2015年预算收入多少", ["923.20"], []),
        ("其中财政拨款多少？另外那部分是什么收入？", ["国有资源（资产）有偿使用收入53.55万元"], []),
    ],
    # 去年结转过来的钱 is this year's money carried over, no question of last year
    [
        ("北京市教委26年收入预算一共多少？", ["4483899.83"], []),
        ("那去年结转过来的钱有多少？", ["1140406.84万元"], ["2025年"]),
    ],
    # a project of the text said with 其中 after the projects listed: not 政府采购 of 采购
    [
        ("深圳市统计局本级今年的项目支出都有哪些项目？", ["844.03"], []),
        ("其中采购经理指数编制安排了多少？", ["230.00万元"], ["政府采购"]),
    ],
    # 公车 asked after 三公's other parts: with its own parts, as 三公 is
    [
        ("深圳科创局今年三公经费预算多少？出国和招待费分别多少？", ["118.20"], []),
        ("那公车呢？", ["公务用车购置费18.00万元", "公务用车运行费7.20万元"], []),
    ],
    # a turn opening with 占 names the whole; the part is the figure asked before
    [
        ("江苏省人民检察院2019年公务接待费预算多少？", ["101.26"], []),
        ("占三公经费多少？", ["公务接待费占“三公”经费的24.21%"], ["本年支出合计"]),
    ],
    # a part said with 其中 after a ranking of projects (其中大厅…): no body named 其中大厅
    [
        ("深圳信访局哪几个项目花钱最多？排前三的是哪些？", ["603.84"], []),
        ("其中大厅请律师要多少钱？", ["120"], ["没有收录"]),
    ],
    # a part said in other words than the text's list (消费贷款贴息 of 个人消费贷款财政贴息、…)
    [
        ("深圳财政局今年哪几个项目花钱最多？列前三个", ["18808.16"], []),
        ("最大那个里面，给消费贷款贴息的钱有多少？", ["10000.00万元"], ["没有单列"]),
    ],
    # parts of a project asked with 其中 in the clause after it: as its text lists them
    [
        (
            "深圳财政局预决算管理业务安排了多少？其中代理银行手续费和绩效评价费用各多少",
            ["代理银行手续费1585.88万元", "绩效评价和财政资金管理费用577.14万元"],
            [],
        ),
    ],
    # the rest named in a follow-up (剩下那块机动经费): that line (单位预留机动经费, its last
    # words said), not the figures asked before again
    [
        ("江苏省委办公厅2019年预算一共多少？基本支出和项目支出各多少？", ["27664.22"], []),
        ("剩下那块机动经费是多少？", ["单位预留机动经费为2938.21万元"], ["11700.63"]),
    ],
    # 那出国出境的呢？主要拿来干啥: the use of the 三公 part, not another sentence
    [
        ("北京市财政局2026年三公经费多少？招待费安排了多少？", ["223.80", "11.64"], []),
        ("那出国出境的呢？主要拿来干啥？", ["127.74", "因公出国"], ["上级补助收入"]),
    ],
    [
        ("江苏政协18年会议费多少？", ["884.16"], []),
        ("前一年呢？", ["2017年", "1094.62"], ["“前”"]),
    ],
    # 上年 after a year said is the year before that one, not before the latest disclosed
    [
        ("江苏政协18年公务接待费预算多少？", ["2018年", "412.50"], []),
        ("上年是多少？", ["2017年", "443.50"], ["412.50"]),
    ],
    # a follow-up naming another project is answered from the sentence stating its amount
    [
        ("杭州交通局2026年给公交的运营补贴安排了多少？", ["68000.00"], []),
        ("那轨道交通运营补偿呢？", ["226,000.00"], ["68000.00"]),
    ],
    # a project printed under its department's full name (杭州市公安局执法办案) names that
    # department, not the one asked about before
    [
        ("深圳科创局今年三公经费多少？", ["深圳市科技创新局"], []),
        ("杭州市公安局执法办案多少？", ["杭州市公安局", "3307.07"], ["深圳"]),
    ],
    # 去年结转 is the money carried into this year (上年结转), not last year's figure; then a
    # sibling of it in 收入总计 is asked in its place, not as its 财政拨款 part
    [
        ("深圳信访局去年结转下来的钱有多少？", ["年初结转和结余为7.34"], []),
        ("那今年财政拨款收入呢？", ["财政拨款收入为4676.96"], ["年初结转"]),
    ],
    # the units ranked, then 占全局预算的多少: the share of the unit named first (交通管理支队
    # 168,527.35 of 404,415.23), not a figure named 占
    [
        ("杭州市公安局下属单位里哪个花钱最多？", ["杭州市公安局交通管理支队168527.35万元"], []),
        ("占全局预算的多少？", ["41.67%"], ["“占”"]),
    ],
    # after a why-question, 那X呢 asks X's change and why too; 那X是多少 asks its amount alone
    [
        ("重庆水利局机关运行经费为什么比去年多？", ["增加1.05万元"], []),
        ("那公务接待费呢？", ["39.50", "减少5.64万元", "说明中写道"], []),
        ("那公务接待费是多少？", ["39.50"], ["减少5.64万元"]),
    ],
    # 重庆市水利局's three largest lines under 农林水支出 (各多少 answered by the ranking),
    # then the same line's smallest (国家重大水利工程建设基金安排的支出, 612.40), then a figure,
    # no ranking
    [
        ("重庆市水利局2026年农林水支出下面，哪三项最多？各多少？", ["98377.14"], ["各"]),
        ("那最少的是哪项？", ["612.40"], []),
        ("那公务接待费是多少？", ["39.50"], ["金额最"]),
    ],
    # 杭州市交通运输局's 一般公共预算 share of its 收入预算, then 那政府性基金呢: of the same
    # whole (648105.52), not of 财政拨款收入
    [
        (
            "杭州交通局2026年收入预算里，一般公共预算拨款占多大比例？",
            ["414883.38", "648105.52"],
            [],
        ),
        ("那政府性基金呢？", ["221493.00", "34.18%"], []),
    ],
    # 烟台市统计局's 公务用车运行费, 去年呢, then 今年这笔占三公经费的比例: the cars' share of
    # 三公经费 (14.30), not 三公经费's share of the spending
    [
        ("烟台统计局今年三公经费里养车的钱有多少？", ["12.50"], []),
        ("去年呢？", [], []),
        ("今年这笔占三公经费的比例是多少？", ["87.41%"], []),
    ],
    # 江苏省人民检察院's 2019 提租补贴, then 这占…: its share of 住房保障支出 (5686.35)
    [
        ("江苏省检察院2019年提租补贴预算多少？", ["4243.61"], []),
        ("这占他们住房保障支出的多少？", ["74.63%"], []),
    ],
    # 深圳市财政局's 三公经费 and its parts, then 去年呢: the year before from the row its table
    # prints for 2025年 (公务用车 8.60 under its 一般公共预算 column)
    [
        ("深圳财政局三公经费今年预算多少？因公出国、公务接待、公车各多少？", ["58.46", "7.40"], []),
        ("去年呢？", ["59.66", "8.60"], []),
    ],
    # 北京市教委's 三公经费, then 买车和养车各多少: the 公务用车购置和运行维护费 its two parts
    # make up (1022.41), then each
    [
        ("北京市教委今年三公经费多少？", ["2115.38"], []),
        ("其中买车和养车各多少？", ["1022.41", "463.80", "558.61"], []),
    ],
    # 江苏检察院's 2019 公务接待费 and its change, then 那出国和公车的钱呢: both figures, each
    # compared
    [
        ("江苏省检察院2019年公务接待费多少？比上年增加还是减少？", ["减少15.24万元"], []),
        ("那出国和公车的钱呢？", ["减少20.00万元", "公务用车购置及运行费为237.00万元"], []),
    ],
    # 烟台市民政局's 行政运行, then 其中基本支出多少: the line's own column, not the department's
    [
        ("烟台市民政局今年行政运行多少钱？", ["668.77"], []),
        ("其中基本支出多少？", ["行政运行的基本支出为668.77万元"], []),
    ],
    # 杭州市司法局's units by their 三公经费, asked in a clause after naming the units, then
    # 那最少的是哪家: the same units
    [
        ("杭州市司法局下面各单位里，2026年三公经费最多的是哪家？", ["西郊监狱101.60"], []),
        ("那最少的是哪家？", ["法律援助中心", "2.00"], []),
    ],
    # a figure asked after a question of a part and its share of a whole: both asked again of it
    [
        ("深圳科创局今年三公经费里公车运行费多少钱，占三公的比例是多少", ["6.09%"], []),
        ("那接待费呢？", ["公务接待费为3.00万元", "2.54%"], []),
    ],
    # 减了多少 asks a change, of each figure the turn names
    [
        ("烟台市民政局今年预算比去年少了多少", ["增加110.01万元"], []),
        ("那项目支出减了多少？基本支出呢？", ["减少112.74万元", "增加222.75万元"], []),
    ],
    # a department said without its city, asked a count every document may state: which one
    [("统计局有多少个项目纳入了绩效目标管理？", ["请问是哪一个", "北京市统计局"], ["万元"])],
    # a turn naming no department after a clarifying question asks it again; the reply then
    # answers that turn
    [
        ("统计局2026年三公经费多少", ["请问是哪一个"], []),
        ("那接待费呢？", ["请问是哪一个", "烟台市统计局"], ["已收录"]),
        ("烟台的", ["烟台市统计局", "公务接待费为1.80万元"], []),
    ],
    # a catalogue name said on past its everyday words (公车运行 + 维护): no project holding 维护
    [
        ("烟台市司法局今年三公经费安排了多少？", ["42.26"], []),
        ("其中公车运行维护多少？", ["公务用车运行费为22.05万元"], []),
    ],
    # the two figures asked before, asked each (这两项分别) of a unit: each, not their parts
    [
        ("杭州交通局今年招待费和公车运维费各安排了多少？", ["27.10", "424.80"], []),
        (
            "那其中杭州市交通运输行政执法队的这两项分别是多少？",
            ["公务接待费为5.00万元", "公务用车运行费为330.00万元"],
            [],
        ),
    ],
    # …the same pointed at only by their number (这两个), with no 那 or 呢 to say it goes on
    [
        ("杭州交通局今年招待费和公车运维费各安排了多少？", ["27.10", "424.80"], []),
        (
            "杭州市交通运输行政执法队这两个分别是多少？",
            ["公务接待费为5.00万元", "公务用车运行费为330.00万元"],
            [],
        ),
    ],
    # a year read beside the next year's goes on into the turns after, until one names a year
    [
        ("烟台市自然资源和规划局去年的三公是多少？", ["8.64"], []),
        ("那接待费呢？", ["2025年公务接待费为7.84万元"], []),
        ("今年呢？", ["2026年部门预算中，公务接待费为6.75万元"], []),
    ],
    # a whole and a part asked, then last year (那去年呢): both, read beside this year's
    [
        ("深圳科创局今年三公经废多少？其中出国经费是多少", ["118.20", "90.00"], ["三公经废"]),
        ("那去年呢？", ["2025年“三公”经费为112.31万元", "2025年因公出国（境）费79.31万元"], []),
    ],
    # the figures asked before, pointed at (这几项) of another year
    [
        ("烟台市自然资源和规划局今年三公经费多少？出国、接待、公车分别多少", ["14.73"], []),
        ("那25年的这几项呢？", ["2025年“三公”经费为8.64万元", "2025年公务接待费7.84万元"], []),
    ],
    # a part asked of the two years compared before (这两年各是多少): its comparison
    [
        ("烟台教育局三公经费26年比25年少了多少？", ["减少11.00万元"], []),
        ("其中招待费这两年各是多少？", ["公务接待费为3.50万元", "2025年为14.30万元"], []),
    ],
    # the whole said (总的) after its parts asked: the whole's change, not each part's only
    [
        ("烟台市民政局今年预算总共多少？", ["5609.33"], []),
        (
            "其中基本支出和项目支出各多少？和去年比总的变了多少",
            ["基本支出为3224.05万元", "本年支出合计为5609.33万元，比上年增加110.01万元"],
            [],
        ),
    ],
    # a department said by the field its name ends with (自然资源局): each city's, in either order
    [
        (
            "自然资源局今年的三公经费是多少？",
            ["请问是哪一个", "烟台市自然资源和规划局", "重庆市规划和自然资源局"],
            ["万元"],
        )
    ],
]


@pytest.mark.parametrize("turns", CONVERSATIONS, ids=lambda turns: turns[0][0][:12])
def test_a_conversation_carries_over_only_what_a_turn_leaves_out(
    national: Ingested, turns: list[tuple[str, list[str], list[str]]]
) -> None:
    session = None
    for question, holds, never in turns:
        answer = national.engine.ask(question, Scope(), session)
        session = answer.session_id
        for said in holds:
            assert said in answer.answer, (question, answer.answer)
        for said in never:
            assert said not in answer.answer, (question, answer.answer)


def test_the_item_an_answer_names_is_what_this_means_next(national: Ingested) -> None:
    """烟台自然资源和规划局's biggest project (规划编制资金, 3700.00), then 这个项目是干什么用的:
    the question is about that project, not about 项目支出 as a whole."""
    first = national.engine.ask("烟台自然资源和规划局最大的一笔项目支出是什么？", Scope())
    assert "规划编制资金" in first.answer and "3700.00" in first.answer, first.answer
    again = national.engine.ask("这个项目是干什么用的？", Scope(), first.session_id)
    plan = national.engine.sessions.turns(first.session_id)[-1]["plan"]
    assert "规划编制资金" in plan["metric"]["name"], (plan, again.answer)


def test_a_level_asked_after_the_units_is_the_department_itself(national: Ingested) -> None:
    """杭州交通局's units and one of them, then 那局机关本级呢: the department's own total
    (510673.56), not the unit's figure again."""
    first = national.engine.ask("杭州交通局的预算包括几家单位？交通执法队分到多少？", Scope())
    assert "41308.52" in first.answer, first.answer
    own = national.engine.ask("那局机关本级呢？", Scope(), first.session_id)
    assert "510673.56" in own.answer and "41308.52" not in own.answer, own.answer


def test_a_ranking_among_a_departments_units_is_of_its_own_units(national: Ingested) -> None:
    """杭州交通局's 三公经费, then 哪个单位的三公最多: its units by their own 三公经费 (the
    执法队 first, 684.00), not every department ranked."""
    first = national.engine.ask("杭州交通局三公经费多少？", Scope())
    units = national.engine.ask("哪个单位的三公最多？", Scope(), first.session_id)
    assert "杭州市交通运输行政执法队684.00" in units.answer, units.answer
    assert "北京" not in units.answer, units.answer


def test_a_few_units_asked_of_a_ranking_by_unit_are_the_first_few(national: Ingested) -> None:
    """杭州交通局's units by their 三公经费, 哪几个最多？列前两名和金额: the first two (执法队
    684.00, 公路与港航管理服务中心 140.30), not all six, nor every department ranked."""
    asked = "杭州交通局2026年三公经费，哪几个下属单位最多？列前两名和金额。"
    answer = national.engine.ask(asked, Scope()).answer
    assert "最多的两个" in answer and "684.00" in answer and "140.30" in answer, answer
    assert "21.10" not in answer and "北京" not in answer, answer


def test_a_body_is_its_own_line_not_the_body_above_it_nor_its_own_project(
    national: Ingested,
) -> None:
    """杭州市公安局's 交通管理支队 is its line of the 收入预算总表 (168,527.35), not the line
    of the department its name holds (杭州市公安局, 404,415.23), nor its project printed under
    its name (交通管理支队执法办案, 5,274.75); the same for the department's units listed."""
    budget = national.engine.ask("杭州市公安局交警支队2026年预算多少", Scope()).answer
    assert "168527.35" in budget, budget
    units = national.engine.ask("杭州市公安局2026年有哪些下属单位", Scope()).answer
    assert "杭州市公安局交通管理支队168527.35" in units, units
    assert "404415.23" not in units and "执法办案" not in units, units


def test_a_whole_asked_by_its_parts_of_the_year_before_is_read_from_this_years_table(
    national: Ingested,
) -> None:
    """烟台市委宣传部's 三公经费 by its parts, then 那2025年的呢: no 2025 document is stored, and
    the 2026 table prints the year before (30.62, of it 因公出国（境）费 22.00)."""
    first = national.engine.ask("烟台市委宣传部三公经费分哪几块？", Scope())
    before = national.engine.ask("那2025年的呢？", Scope(), first.session_id)
    assert "2025年“三公”经费为30.62万元" in before.answer, before.answer
    assert "因公出国（境）费22.00万元" in before.answer, before.answer


def test_a_figure_the_text_says_is_not_budgeted_is_answered_with_that_sentence(
    national: Ingested,
) -> None:
    """杭州交通局 prints no 因公出国（境）费: its narrative says the department does not budget it
    at the start of the year. Asked for it, the answer quotes that sentence, cited, and is no
    refusal."""
    answer = national.engine.ask("杭州交通局今年安排了多少因公出国经费？", Scope())
    assert not answer.refused, answer.answer
    assert "本部门年初不编制因公出国（境）费用预算" in answer.answer
    assert "这份文件公开了" not in answer.answer
    assert [c.page for c in answer.citations] == [12]


def test_a_department_and_its_units_compared_are_its_rows_by_unit(national: Ingested) -> None:
    """杭州市司法局 publishes one 部门预算 whose tables print its units' rows: 本级 and its
    法律援助中心 asked together are those rows, each with its own parts (the 本级's 三公经费 is
    17.00, all 公务接待费, not the department's 339.68 of cars), also as a follow-up naming no
    figure."""
    both = national.engine.ask("杭州市司法局本级和法律援助中心各多少预算？", Scope())
    assert "杭州市司法局（本级）的本年支出合计为12586.47万元" in both.answer
    assert "杭州市法律援助中心的本年支出合计为1112.70万元" in both.answer
    first = national.engine.ask("杭州市司法局三公经费多少？", Scope())
    then = national.engine.ask("局本级和下面的法律援助中心分别多少？", Scope(), first.session_id)
    assert "杭州市司法局（本级）的“三公”经费为17.00万元" in then.answer
    assert "其中：公务接待费17.00万元" in then.answer
    assert "杭州市法律援助中心的“三公”经费为2.00万元" in then.answer
    assert "339.68" not in then.answer


def test_an_amount_per_head_is_refused_as_a_count_not_disclosed(national: Ingested) -> None:
    """No disclosure prints how many people work or study in a department: 人均 is refused,
    saying so, never answered with the amount alone."""
    answer = national.engine.ask("深圳审计局人均人员经费多少", Scope())
    assert answer.refused
    assert "没有公开“在职人数”的数字" in answer.answer


def test_clauses_asking_nothing_beside_one_never_disclosed_set_its_scene(
    national: Ingested,
) -> None:
    """A clause stating the project or the money (办一件法律援助案子; 安排了109.50万元) beside
    one asking a standard no disclosure prints: refused, the scene not answered as a question."""
    for question in (
        "烟台市法律援助中心办一件法律援助案子，2026年给律师的补贴标准是多少钱一件？",
        "烟台市司法局2026年安排了109.50万元法律援助经费，每件案子的补贴标准是多少？",
        "烟台市司法局2026年给法律援助安排了109.5万，每个案件律师能拿多少补贴？",
    ):
        answer = national.engine.ask(question, Scope())
        assert answer.refused and "发放标准" in answer.answer, answer.answer
        assert "109.50" not in answer.answer, answer.answer


def test_a_body_written_right_after_its_department_is_its_unit(national: Ingested) -> None:
    """江苏省政协's 联谊俱乐部, 北京规自委's 海淀分局, 福州交警支队's 城区大队: units their
    documents print nothing of apart, refused, never answered with the department's figure."""
    for question, said in (
        ("江苏省政协联谊俱乐部那8个在职人员2018年的人员经费具体是多少？", "联谊俱乐部的人员经费"),
        ("北京规自委海淀分局2026年预算多少？", "海淀分局的本年支出合计"),
        ("福州交警支队下面那几个城区大队，2026年各自分到多少预算？", "城区大队的本年支出合计"),
    ):
        answer = national.engine.ask(question, Scope())
        assert answer.refused and "没有单列" in answer.answer, answer.answer
        assert said in answer.answer, answer.answer


def test_parts_listed_after_a_whole_said_with_pointing_words_are_each_asked(
    national: Ingested,
) -> None:
    """北京规自委 (text only): 包括公务用车购置费预算428.09万元、公务用车运行维护费预算493.45万元;
    江苏省委办 2017: （1）公务用车购置预算支出数0万元, the 购置 line without its 费."""
    question = "北京规自委2026年公车那块里买车和运行维护各多少？"
    answer = national.engine.ask(question, Scope())
    assert "428.09" in answer.answer and "493.45" in answer.answer, answer.answer
    bought = national.engine.ask(
        "江苏省委办2017年预算里公车的钱安排了多少？有没有买新车的钱？", Scope()
    )
    assert "411.20" in bought.answer and "公务用车购置费为0.00万元" in bought.answer, bought.answer


def test_a_list_of_reasons_goes_on_past_a_page_break(national: Ingested) -> None:
    """深圳科创局: 预算收支增加主要原因说明：1.…41,626万元； on p. 6, 2.…61,191万元；3.…5,955万元。
    on p. 7."""
    question = "深圳市科技创新局2026年预算比2025年多了多少？主要是什么原因？"
    answer = national.engine.ask(question, Scope())
    assert "107974.28" in answer.answer, answer.answer
    assert "41,626万元" in answer.answer and "人才专项经费61,191万元" in answer.answer, (
        answer.answer
    )


def test_a_year_compared_with_by_its_budget_is_the_base_not_the_year_asked(
    national: Ingested,
) -> None:
    first = national.engine.ask("深圳市审计局2026年三公经费多少？", Scope())
    question = "那跟2025年年初预算比是多了还是少了？差多少？"
    answer = national.engine.ask(question, Scope(), first.session_id)
    assert "比上年减少5.21万元" in answer.answer, answer.answer


def test_a_reason_given_by_what_it_takes_into_account_is_the_reason(national: Ingested) -> None:
    """北京交管局 (text only): the 三公's sentence says why with 结合…需要和…实际状况, no 原因."""
    first = national.engine.ask("北京交管局2026年“三公”经费预算多少？", Scope())
    answer = national.engine.ask("比上一年增加了多少？为啥会增加？", Scope(), first.session_id)
    assert "44.59" in answer.answer, answer.answer
    assert "公务用车更新购置预算略有增加" in answer.answer, answer.answer


def test_one_persons_pay_or_one_things_standard_is_never_disclosed(national: Ingested) -> None:
    for question in (
        "深圳审计局一个审计员一年工资大概多少？",
        "北京交管局公车费用很高，每辆车一年的油费标准是多少？",
    ):
        answer = national.engine.ask(question, Scope())
        assert answer.refused and "发放标准" in answer.answer, answer.answer


def test_a_unit_named_under_a_department_is_not_another_governments_namesake(
    national: Ingested,
) -> None:
    """湖州市财政局 prints 湖州市市级财政国库支付中心; 北京市财政局's text prints no figure of its
    own 国库支付中心: refused, never 湖州's 724.30."""
    question = "北京市财政局下属的国库支付中心2026年单独的预算是多少？"
    answer = national.engine.ask(question, Scope())
    assert answer.refused and "北京市财政局国库支付中心" in answer.answer, answer.answer
    assert "724.30" not in answer.answer, answer.answer
    own = national.engine.ask("湖州市财政局下属的国库支付中心2026年预算多少", Scope())
    assert "724.30" in own.answer, own.answer


def test_the_parts_changes_stated_after_the_totals_answer_how_they_changed(
    national: Ingested,
) -> None:
    """烟台大数据局, （三）增减变化情况: “…比上年减少1,226.81万元，其中：” then “2.支出预算减少
    1,226.81万元，其中基本支出增加92.17万元，项目支出减少1,318.98万元。”"""
    first = national.engine.ask("烟台市大数据局2026年支出预算比上年少了多少？", Scope())
    question = "其中基本支出和项目支出分别是增是减，各变了多少？"
    answer = national.engine.ask(question, Scope(), first.session_id)
    assert "增加92.17万元" in answer.answer and "减少1318.98万元" in answer.answer, answer.answer


# (question, what the answer holds, what it must not hold)
HELD_NOT_HELD = [
    # a fund said not to be all that is asked (不只是财政拨款) is no fund asked of
    (
        "烟台市民政局全部支出（不只是财政拨款）里社会保障和就业支出哪三项最多",
        ["民政管理事务1218.39万元"],
        ["财政拨款的表里没有"],
    ),
    # whom money is given to (给社会办医院) is no body asked of
    ("深圳卫健委医疗服务这块里，给社会办医院的补贴是多少？", ["医疗服务"], ["没有收录"]),
    # a page printing no table, its spending stated as one appropriation: that is its total, and
    # the parts its text lists after it are where the money goes
    ("郑州土储中心2015年预算一共多少钱？", ["一般公共预算财政拨款支出为923.20万元"], []),
    (
        "郑州市土地储备中心15年的钱都花在哪些方面了？",
        ["工资福利支出494.81万元", "专项事业发展支出6.00万元"],
        ["没有公开"],
    ),
    # 和2014年相比未发生增减变化, a sentence of its own naming nothing: of the 三公经费
    ("郑州土储中心2015年三公经费跟2014年比是涨了还是降了？", ["未发生增减变化"], ["没有郑州"]),
    # a department's own name with 本级 is the department itself (not a row of its projects),
    # and 占了多少钱 asks an amount
    (
        "市建筑工务署本级2026年预算是多少？其中项目支出占了多少钱？",
        ["14480.17万元", "项目支出为9866.11万元"],
        ["6832.94"],
    ),
    # the largest 笔 of 项目支出 are its projects
    ("烟台教育局今年项目支出里金额最大的三笔是什么，多少钱？", ["12670.47万元"], ["教育支出"]),
    # what a 类 is for, where the text says nothing of it: its lines, the lone 款 between named
    (
        "烟台教育局预算里怎么还有城乡社区支出？这笔钱是干啥用的",
        ["国有土地使用权出让收入安排的支出", "支付破产或改制企业职工安置费2186.70万元"],
        [],
    ),
    # where the money comes from: all of it, with what is carried over or given from above
    ("烟台教育局的钱除了财政拨款，还有哪些来源？各多少", ["上级补助收入205.89万元"], []),
    (
        "北京人社局的收入从哪来？最多的三个来源各是多少？",
        ["年初结转和结余15763.26万元", "财政专户管理资金收入2571.80万元"],
        [],
    ),
    # which part of 三公 fell: the part's own parts too
    (
        "深圳审计局三公经费比2025年少了多少？主要是哪项少了？",
        ["公务用车购置费0.00万元，比上年减少30.00万元"],
        [],
    ),
    # funds and incomes listed, each asked (国资预算 said short)
    (
        "烟台商务局今年一般公共预算、国资预算和其他收入各多少",
        ["5713.22万元", "550.00万元", "77.00万元"],
        ["表里没有单列"],
    ),
    ("烟台自规局今年的收入里，一般公共预算、财政专户、其他收入各多少？", ["1150.67万元"], []),
    # the projects of 绩效目标, where forms list them
    ("福州交警支队编报绩效目标的项目有哪些", ["警务辅助人员经费3383.89万元"], []),
    # ... where only the 项目支出 table lists projects: those, said so
    (
        "深圳统计局编报绩效目标的项目分别叫啥，每个多少钱",
        ["没有逐项列出绩效目标金额，下面是项目支出的各项", "专项统计业务"],
        [],
    ),
    # 货物、工程、服务各占多少钱: each part's amount
    ("深圳审计局政府采购预算多少？货物、工程、服务各占多少钱？", ["政府采购服务"], []),
    # a subject line printed where the catalogue does not look, divided by its own lines
    ("深圳工信局对企业补助由哪些构成", ["费用补贴235522.00万元"], ["没有公开"]),
    # economic items said in everyday words
    ("福州科技局给企业补助了多少钱？", ["对企业补助为48227.00万元"], []),
    ("重庆规自局委托别人干活要花多少钱？", ["委托业务费"], ["没有“", "没有列出“"]),
    # an economic class of 基本支出 a file prints only in its fund's table of basic spending
    (
        "江苏省政协办公厅2018年基本支出里工资福利支出多少？",
        ["一般公共预算财政拨款基本支出中的工资福利支出为3806.26万元"],
        ["没有单列"],
    ),
    # the income besides the appropriation, printed as one line (三、其他资金), and whether all
    # the money is the fund's (its share of the income)
    ("江苏政协办公厅18年其他资金多少", ["80.00万元"], []),
    ("江苏政协办公厅18年的钱都是财政给的吗", ["财政拨款收入为10070.48万元", "99.21%"], []),
    # a 款 named in quotes after a department whose name holds it (检察 of 江苏省检察院)
    (
        "江苏省检察院2019年财政拨款里“检察”这一块，钱最多的是哪三项？",
        ["行政运行12268.62万元", "一般行政管理事务2354.40万元", "检察监督1185.60万元"],
        ["一般公共预算财政拨款收入"],
    ),
    # a body said short with no government, one stored name alone close to it
    (
        "确权登记中心26年收入预算一共多少？",
        ["上海市自然资源确权登记事务中心", "5,004"],
        ["没有收录"],
    ),
    # a project's change the text states in its item, after its parts (…较2025年年初预算增加)
    ("深圳气象局今年综合管理项目比去年多了多少", ["比上年增加29.23万元"], ["没有深圳市气象局"]),
    # whether the money is mostly the appropriation: its share of the income
    ("北京统计局今年的钱主要靠财政拨款吗", ["财政拨款收入为50665.50万元", "99.27%"], []),
    # money said by where it goes (项目上花了, 花在项目上的钱): that 经费
    ("深圳审计局项目上花了多少", ["项目支出为1531.45万元"], ["这个指标", "没有列出“"]),
    ("花在项目上的钱有多少，深圳审计局", ["项目支出为1531.45万元"], ["这个指标", "没有列出“"]),
    # 类 listed short beside one said whole (科技 beside 教育): each 类 it spells
    (
        "深圳审计局教育、科技、社保各多少",
        ["教育支出为46.05万元", "社会保障和就业支出为1743.43万元", "科学技术支出"],
        ["培训支出"],
    ),
    # a body under a department abbreviated by its own words (交管局 of 公安局交通管理局)
    ("交管局今年预算多少", ["北京市公安局交通管理局"], ["没有收录"]),
    # no change said in the text's own words (与上年基本持平)
    ("烟台市委宣传部今年因公出国（境）费跟去年比有变化吗", ["与上年基本持平"], []),
    # the 科目 of 项目支出 ranked past the first: its 项, not the 类 it divides into
    (
        "深圳审计局项目支出最多的是哪个科目？排第二的呢",
        ["一般行政管理事务919.44万元", "审计业务490.15万元"],
        ["一般公共服务支出1494.38"],
    ),
    # more lines asked than a whole's two parts: the lines under them, down to the 项
    (
        "江苏省政协办公厅2018年基本支出里哪三项钱最多？",
        ["津贴补贴1863.72万元", "基本工资854.47万元", "退休费455.74万元"],
        [],
    ),
    # a line said by its last words (机动经费 of 单位预留机动经费), its share asked among others
    (
        "江苏政协办公厅18年的钱，基本支出、项目支出和机动经费各占几成？",
        ["基本支出占本年支出合计的55.94%", "单位预留机动经费占本年支出合计的11.40%"],
        ["这个指标", "没有列出“"],
    ),
    # two lines asked of a whole of two 类 (商品和服务支出, 资本性支出): the lines under them
    (
        "上海交通职业技术学院日常公用开支里哪两项最花钱？",
        ["物业管理费2841.41万元", "租赁费1639.00万元"],
        ["商品和服务支出"],
    ),
    # an amount asked inside a line after its change: the amount, not another change
    (
        "深圳财政局预决算管理业务比去年多了多少？里面代理银行手续费有多少？",
        ["手续费为1585.88万元"],
        ["2025年的手续费"],
    ),
    # the units asked of a passage opening with the 内设机构 item: quoted from the item on them
    (
        "江苏省委办公厅2019年部门预算里包括哪几个单位？",
        ["2．从预算单位构成看", "机关文印中心"],
        ["1．根据部门职责分工"],
    ),
    # a total printed in 元 and stated in 万元 by the text: both said, as its parts are
    (
        "上海交通职业技术学院26年收入预算多少？除了财政拨款还有别的收入吗，多少？",
        ["40869.60万元（表中为408,696,000元，说明文字写作40870万元）"],
        [],
    ),
    # 社保 listed among 功能分类 类 is 社会保障和就业 (208), not 社会保险基金支出
    (
        "深圳审计局的钱按用途分，一般公共服务、社保、住房保障各多少？",
        ["社会保障和就业支出为1743.43万元"],
        ["社会保险基金"],
    ),
    # a short name several governments' departments share, told apart by the row asked, which
    # one of them alone prints
    ("信访局的信访大厅运行今年多少钱", ["深圳市信访局", "603.84万元"], ["请问是哪一个"]),
    # 基本支出 said after the everyday words for it, in brackets, and 项目 its sibling
    (
        "深圳审计局的钱，日常运转（基本支出）和项目各花多少？",
        ["基本支出为9206.23万元", "项目支出为1531.45万元"],
        [],
    ),
    # the words between a department and the body under it ask nothing of their own
    (
        "上海交通运输局下面那个交通职业技术学院，26年预算一共多少钱？",
        ["本年支出合计为40869.60万元"],
        ["请问您想了解哪一项"],
    ),
    # the cars counted, then their upkeep said 车辆运维费
    ("深圳信访局有几辆公车？今年车辆运维费花多少", ["1辆", "公务用车运行费为2.60万元"], []),
    # the purchases the text states (3,790.75), not a project's part named 政府采购业务费
    ("深圳市财政局今年政府采购预算多少？", ["3790.75"], ["3600.00"]),
    # 一共 asking the budget's own total, beside another figure asked (财政给拨了多少: 给 put
    # between the words of 财政拨了多少): each figure, not the two added up
    (
        "烟台民政局26年预算一共多少钱？财政给拨了多少？",
        ["本年支出合计为5609.33万元", "财政拨款收入为5274.99万元"],
        ["合计10884"],
    ),
    # the kinds of a purchase asked 怎么分
    (
        "北京交委政府采购预算多少？货物、工程、服务怎么分？",
        ["政府采购货物4400.24万元（占13.96%）", "政府采购服务25883.24万元（占82.11%）"],
        [],
    ),
    # units counted before their ranking (下面4家预算单位), the second asked in a clause of its
    # own and 各多少 after: the first two units, each with its amount
    (
        "深圳工务署下面4家预算单位，哪家预算最多？排第二的是哪家，各多少？",
        ["最多的两个：深圳市建筑工务署工程管理中心8236.21万元", "水务工程管理中心5647.80万元"],
        ["这个指标", "没有列出“", "支出合计"],
    ),
    # the largest purchase: a row of the 政府采购 table, not one of its three kinds
    (
        "江苏省委办公厅2017年政府采购里哪一项金额最大？",
        ["省委办公厅承办的会议费会议费872.10万元"],
        ["政府采购服务"],
    ),
    # the second of a ranking asked in a clause of its own: the ranking down to it
    (
        "深圳市财政局今年最大的项目是哪个，多少钱？第二大呢？",
        ["预决算管理业务18808.16万元", "财政综合管理业务2714.03万元"],
        ["这个指标", "没有列出“"],
    ),
    # a 类 said short, by some of its name's characters in order
    ("江苏省政协办公厅2018年社保就业那块支出多少？", ["社会保障和就业支出为823.76万元"], []),
    # a unit said by the end of its name, which is the department's name and these words
    (
        "深圳工务署的工程管理中心今年预算多少？",
        ["工程管理中心的本年支出合计为8236.21万元"],
        ["请问是哪一个"],
    ),
    # the department's own row of a table by unit, printed with （本级）, not its bare name's
    # row of the 三公 table
    (
        "深圳工务署下面几个单位今年预算各分了多少钱？",
        ["深圳市建筑工务署（本级）14480.17万元", "深圳市建筑工务署工程管理中心8236.21万元"],
        ["117.42"],
    ),
    # a line named after words pointing at it (那个) is found by its words all the same, and
    # 具体…哪些 asks its parts, as the text lists them
    (
        "深圳住建局那个绿色创新发展专项资金都补贴了哪些，各多少？",
        ["绿色低碳先进标准集成应用示范项目补助399.35万元", "既有建筑节能改造项目补助208.42万元"],
        ["这个指标", "没有列出“"],
    ),
    # a heading stating an amount (（一）本年财政拨款收入2503527.73万元) states a figure
    ("北京市教委2026年收入预算一共多少？财政拨款占了多少钱？", ["2503527.73"], ["没有公开"]),
    # a fund's income printed as 1.一般公共预算拨款 in the 收支总表 is that fund's part
    (
        "深圳国资委26年一般公共预算拨款和国资经营预算拨款分别多少",
        ["一般公共预算财政拨款收入9149.85万元", "409301.00"],
        ["不一致"],
    ),
    # the lines 财政拨款 is spent on, asked by 哪几项 and then the first three: the 项 lines
    (
        "江苏省政协办公厅2018年财政拨款的钱主要花在哪几项上？说说最多的三项。",
        ["行政运行4432.78万元", "提租补贴1107.60万元"],
        ["一般公共服务支出"],
    ),
    # the most and the least asked in one question: two rankings, neither dropped
    (
        "北京财政局三公经费里哪一块最多，哪一块最少？",
        ["金额最大的是因公出国（境）费127.74万元", "金额最小的是公务接待费11.64万元"],
        [],
    ),
    # … of parts listed after their whole: ranked within the whole, not inside the last part
    (
        "北京交委政府采购预算里货物、工程、服务哪块最多？哪块最少？",
        ["政府采购服务25883.24万元", "政府采购工程1240.46万元"],
        ["分项数字"],
    ),
    # a line no table prints, named with its region and no department: the one text of that
    # region saying its head (四环主路 of 四环主路大修)
    ("北京四环主路大修今年安排了多少钱？", ["北京市交通委员会", "21384.60"], ["哪个部门"]),
    # 按用途 divides spending by what it is for: the 功能分类, not the 经济分类
    (
        "江苏省政协17年的财政拨款按用途分都花在哪几块了？",
        ["一般公共服务支出6463.55万元", "住房保障支出1093.52万元"],
        ["经济分类"],
    ),
    # economic classes inside 基本支出: its column's cells, not the classes' whole rows
    (
        "深圳科创局基本支出里，工资福利、商品和服务、对个人和家庭的补助、资本性支出各是多少？",
        ["4444.00", "425.43", "1070.00", "18.00"],
        ["1932.43"],
    ),
    # 最多 before a verb and 多少 is a bound (at most), not a ranking of departments
    ("深圳科技创新局今年给科学技术奖发多少奖金？最多评多少项？", ["7,100万元"], ["从高到低"]),
    # a name said without its unit word, then the word (北京交警|局): the department's, never a
    # figure's name
    ("北京交警局今年预算多少", ["北京市公安局交通管理局", "529260.34"], ["这个指标", "没有列出“"]),
    # an item listed among names, said with another word of money (离退休补助 for 离退休人员经费,
    # which 深圳 prints as 对个人和家庭的补助): answered with the others, not left out
    (
        "深圳审计局人员经费、公用经费、离退休补助和项目支出各是多少？",
        ["6516.50", "1079.33", "对个人和家庭的补助为958.75万元", "1531.45"],
        [],
    ),
    # … and an item opening the list, or said with words pointing inside it
    ("深圳审计局在职人员、公用经费、离退休这些补助各多少？", ["6516.50", "1079.33", "958.75"], []),
    # parts asked by their own words inside the line named before: those the text lists, each
    # with its share; one it does not list, said so with what it does
    (
        "深圳市交通运输局轨道交通管理里，12号线和13号线各占多少？",
        ["12号线PPP项目运营期管理项目133006.31万元（占75.83%）", "23260.74万元（占13.26%）"],
        ["4号线", "本年支出合计"],
    ),
    # a clause counting what the catalogue counts by no metric, after a count: as printed, not
    # the cars again nor a price bound (20万以上) read as a row's name
    (
        "2019年江苏省委办公厅一共有多少辆公务车？20万以上的设备有几台？",
        ["127辆", "单价20万元（含）以上的设备33台"],
        ["这个指标", "没有列出“"],
    ),
    # the text's rate of the same change, though it is not the rate computed, is said beside it
    (
        "江苏检察院19年的预算比上一年多了多少，涨了百分之几？",
        ["增长10.09%，说明文字写作10.06%"],
        [],
    ),
    # a fund's income ranked by its 功能科目's 项: what the fund pays for, line by line
    (
        "省检察院2019年财政拨款按功能科目的项级来看，哪三项钱最多？分别多少？",
        ["行政运行12268.62万元", "提租补贴4243.61万元", "一般行政管理事务2354.40万元"],
        ["收入合计"],
    ),
    # a share's part printed in 元 and stated by the text to fewer places: both said
    (
        "上海市中医文献馆的收入里财政拨款占多少？",
        ["2693.55万元（表中为26,935,500元，说明文字写作2694万元", "32.06%"],
        [],
    ),
    # a department named, then the unit its file holds (那个中医文献馆): one body, not compared
    # with itself; its change is the one its text states (比2025年预算增加147万元)
    (
        "上海市卫生健康委员会那个中医文献馆，今年财政拨款比去年多了多少？",
        ["2693.55万元（说明文字写作2694万元），比上年增加147.00万元"],
        ["两者相差"],
    ),
    # a unit ranked first among a department's units: of those under it, not the organ itself
    ("杭州交通局下面哪个单位今年预算最多？", ["最多的一个：杭州市交通运输行政执法队41308.52"], []),
    # … and the units named in a clause of their own before the ranking (下面各单位，…)
    (
        "杭州交通局下面各单位，预算最多的是哪两个？",
        ["最多的两个：杭州市交通运输行政执法队41308.52万元；杭州市公路与港航管理服务中心28774.51"],
        ["北京"],
    ),
    # no department named among many stored: which governments, with how many each, not every
    # name; with a government named, its departments only
    ("三公经费多少", ["各部门的公开文件", "请说出城市和部门"], ["北京市统计局、"]),
    (
        "北京市给各区搞污染防治的专项转移支付，今年安排了多少钱？",
        ["北京市统计局"],
        ["深圳", "各部门的公开文件"],
    ),
    # a body named with its region and a unit word no stored name has (植物园) is not stored:
    # never the help text listing every department
    ("北京市植物园今年预算多少", ["没有收录“北京市植物园”"], ["请问您想查哪个部门"]),
    # an average per head (平均每人) needs a count no disclosure prints: refused, not the total
    ("深圳信访局平均每人一年的人员经费是多少？", ["在职人数"], ["人员经费为"]),
    # a unit word said after a unit under the department (市公园管理中心) is no slip of a
    # stored name (观澜河流域管理中心): the unit is not printed apart
    (
        "深圳财政局下属的市公园管理中心今年预算多少？",
        ["没有单列"],
        ["观澜河", "从高到低"],
    ),
    # the text's figure of a line is 财政拨款's part (2,206 of 2,205.83 in its fund table), not
    # a disagreement with all funds' 7,846.14
    (
        "上海卫健委2026年卫生健康支出多少",
        ["7846.14", "2206.00万元[3]是其中财政拨款安排的部分", "2205.83"],
        ["不一致"],
    ),
    # a whole and a part of its part asked together are not added up as 合计
    (
        "烟台市自然资源和规划局2026年三公经费一共多少？公车运行维护费安排了多少？",
        ["14.73"],
        ["合计"],
    ),
    # 江苏省委办公厅 2019's 政府采购预算表 prints its total as 合计 | 式 | 1422.50: no item
    ("江苏省委办公厅2019年政府采购预算多少？金额最大的一笔采购是买什么？", ["872.10"], ["合计式"]),
    # the largest projects asked with a numeral rank projects, never other departments
    (
        "烟台自规局2026年项目支出里金额最大的三个项目是哪些？",
        ["规划编制资金3700.00"],
        ["各部门"],
    ),
    (
        "烟台自然资源和规划局2026年项目里钱最多的三个是哪些？",
        ["规划编制资金3700.00"],
        ["各部门"],
    ),
    # a line no table divides, divided as its narrative lists it (深圳信访局 p7: 2.信访大厅运行
    # 603.84万元，主要包括：大厅保安和安检服务项目支出328.69万元…；大厅日常运维支出155.15万元…)
    (
        "深圳信访局信访大厅运行具体分成哪几块？",
        [
            "信访大厅运行为603.84万元",
            "大厅保安和安检服务项目支出328.69万元",
            "大厅日常运维支出155.15万元",
        ],
        ["不一致", "未具体列明"],
    ),
    # what it lists short of the line is its main parts (深圳财政局 p7: six amounts adding up to
    # 17,581.21 of 18,808.16, then 2.财政综合管理业务2,714.03万元, not one of them)
    (
        "深圳财政局预决算管理业务包括哪些？",
        [
            "深圳市承担的个人消费贷款财政贴息、服务业经营主体贷款贴息资金10000.00万元",
            "预决算业务管理512.60万元",
            "合计17581.21万元，其余未具体列明",
        ],
        ["财政综合管理业务"],
    ),
    # a rough amount said (4个亿) names no line: 教育支出 326,658,710元 of 408,696,000元
    (
        "上海交通职业技术学院总共4个亿的预算，主要花在哪几块？最多的三块各多少？",
        ["教育支出32665.87万元"],
        [],
    ),
    # more lines ranked than 公用经费 divides into (商品和服务支出, 资本性支出): the lines
    # under them
    (
        "上海交通职业技术学院日常公用开支里哪几项花钱最多？列前三",
        ["物业管理费2841.41万元", "租赁费1639.00万元", "维修（护）费937.04万元"],
        [],
    ),
    # 深圳司法局 p6: 本部门无独立核算下属单位; its 三公 table's unit column prints itself alone
    ("深圳市司法局这份预算有没有包括下属单位？", ["无独立核算下属单位"], ["按单位列出"]),
    # a total its text rounds (40870万元) from a table in 元, said beside it
    (
        "上海交通职业技术学院今年预算一共多少？",
        ["40869.60万元（表中为408,696,000元）", "说明文字中写的是本年支出合计40870万元"],
        [],
    ),
    # its 编制说明 rounds each 科目 of 财政拨款, of a table in 元 (教育支出23,689万元 of
    # 236,893,390元): each part with the text's figure beside it, in a breakdown and asked apart
    (
        "上海交通职业技术学院今年财政拨款支出都花在哪几块？",
        ["23689.34万元（表中为236,893,390元，说明文字写作23689万元", "说明文字写作1370万元"],
        [],
    ),
    (
        "上海交通职业技术学院今年财政拨款支出里教育支出和住房保障支出各多少？",
        ["说明文字中写的是教育支出23689万元", "住房保障支出913万元"],
        [],
    ),
    # 买东西 beside 买服务 is the 货物 of 政府采购 (p13 of its tables: 货物 84.00, 服务 1,338.50)
    (
        "江苏省委办公厅2019年政府采购预算多少？买东西和买服务各占多少钱？",
        ["政府采购货物为84.00万元", "政府采购服务为1338.50万元"],
        [],
    ),
    # the money of running day to day and of projects: 基本支出 and 项目支出
    (
        "深圳市审计局日常运转的钱和项目上的钱各占多少？",
        ["基本支出占本年支出合计的85.74%", "项目支出占本年支出合计的14.26%"],
        [],
    ),
    # what a line is for and how much it grew, asked together: its change is answered too
    # (1,157.63 in 2018, 106.84 in the 2017 tables)
    (
        "江苏省政协2018年单位预留机动经费是干什么用的？比上年多了多少？",
        ["单位预留机动经费为1157.63万元，比上年增加1050.79万元"],
        [],
    ),
    # a line asked with 的 its label does not have (强制隔离戒毒人员生活 14.88, 公开表3)
    (
        "烟台司法局花在强制隔离戒毒上的钱一共多少？其中戒毒人员的生活费有多少？",
        ["强制隔离戒毒为2986.80万元", "强制隔离戒毒人员生活14.88万元"],
        [],
    ),
    # a name no row prints that heads several (科技研发资金-平台载体专项 and four more): their sum,
    # divided into them
    (
        "深圳科创局科技研发资金分哪几块，各多少？",
        ["科技研发资金为910000.00万元", "科技研发资金-平台载体专项530850.00万元"],
        [],
    ),
    (
        "深圳市委宣传部的宣传文化发展专项资金，产业方向和事业方向分别多少？",
        ["宣传文化发展专项资金-产业方向15000.00万元", "宣传文化发展专项资金-事业方向38720.00万元"],
        ["分项数字"],
    ),
    # 钱主要干什么 asks what the money is for: the project's form says it
    ("烟台市司法局运转保障的钱主要干什么？", ["它的绩效目标表写明用途"], []),
    # 平均一辆车 is per car (公务用车运行费10.08 over 5 cars)
    ("烟台民政局平均一辆车的运行维护费多少", ["平均每辆2.02万元"], []),
    # whom a unit is under and what kind of unit it is: its text's opening (not a ranking)
    (
        "上海市中医文献馆归哪个部门管？是行政单位还是事业单位？",
        ["上海市卫生健康委员会直属全额预算单位"],
        ["从高到低"],
    ),
    # equipment above another price than the catalogue's 100万: the text's sentence (p13)
    (
        "2019年江苏省委办公厅单价20万以上的设备有几台？",
        ["单价20万元（含）以上的设备33台（套）"],
        ["单价100万元以上设备数"],
    ),
    # p12 lists what 轨道交通管理 includes after the sentence of its use (主要用于…。其中，…)
    (
        "深圳市交通运输局轨道交通管理具体包括哪些？",
        ["深圳市轨道交通12号线PPP项目运营期管理项目133006.31万元", "上年结转项目196.50万元"],
        ["其中，深圳"],
    ),
    # a department said by its field and 部门 (商务部门): that office of every government; 部门预算
    # after a name is the kind of document
    ("商务部门今年三公经费是多少？", ["烟台市商务局", "珠海市商务局"], ["万元"]),
    # a department's name with a slip, before a catalogue name: the slip is the department's,
    # and the figure's words are no label written with a slip
    ("长沙市信仿局机关运行经费多少？", ["长沙市信访局"], ["没有收录"]),
    # a year or 给 inside what would be a body's name ends it (杭州司法|今年给律师协会)
    ("杭州司法今年给律师协会的补助有多少", ["律师协会"], ["没有收录"]),
    # a fund's appropriation the text compares (政府性基金预算拨款支出…比上年增加): the change of
    # its spending and of its income alike
    ("福州市商务局政府性基金预算支出比上年增长了多少？", ["比上年增加1496.50万元"], []),
    ("福州市商务局的政府性基金为什么比上年涨了将近5倍？", ["增加1496.50万元", "县区"], []),
    ("烟台商务局部门预算一共多少钱？", ["烟台市商务局2026年部门预算"], ["可以指"]),
    # a year not stored, then compared with one that is: never a year with itself, said once
    (
        "杭州市司法局2024年的支出是多少？跟2026年比涨了多少？",
        ["杭州市司法局2024年"],
        ["与2026年持平", "比上年增加0.00"],
    ),
]


# (question, what the refusal holds, what it must not hold)
REFUSED = [
    # (batches DM and DP's class) a social insurance fund's own spending, however it is asked
    ("福州医保局2026年全市医保基金的支出预算是多少亿？", ["不公开"], []),
    ("福州医保局2026年医保基金打算支出多少钱？", ["不公开"], []),
    # (batch DM's class) a district of the department's city, as the one given money
    ("北京市交管局2026年的专项经费分给朝阳区多少钱？", ["没有单列朝阳区"], []),
    # (batch DO's class) the work an office did is no budget's figure
    ("长春市信访局2026年全年一共接待了多少来访群众、收到多少封群众来信？", ["不公开"], []),
    # what one firm is given of a fund, the firm named alone
    ("福州医保局的经费给阿里分了多少？", ["不公开"], []),
    # a body of a district inside the department's city, given money by it: not printed apart
    (
        "重庆市规划和自然资源局给渝中区规划自然资源局安排了多少预算？",
        ["没有单列渝中区规划自然资源局"],
        ["583429.56"],
    ),
    # what one firm gets of a line is never disclosed
    ("深圳市财政局那1个亿的个人消费贷款贴息，招商银行能分到多少？", ["不公开"], ["10000.00"]),
    # a named person's pay is never disclosed, the department's pay line no answer to it
    ("长春市信访局赵万刚一年工资多少钱？", ["不公开个人工资"], ["911.21"]),
    ("长春市信访局王芳每个月收入多少", ["不公开个人工资"], ["911.21"]),
    # a body named by the department's first words and a unit word of its own is another body
    ("重庆市规划院今年单独分到了多少预算？", ["没有收录“重庆市规划院”"], ["583429.56"]),
    # a whole the text states and no table divides: itself, said to have no parts listed, never
    # a line of another table larger than it (其他支出 19336.15 of 支出总表)
    (
        "深圳市民政局今年公用经费都包括啥？",
        ["公用经费为976.21万元", "没有列出它的分项数字"],
        ["其他支出", "1980"],
    ),
    # what one firm is given is never disclosed
    ("深圳国资委26年给深投控集团安排了多少钱？", ["不公开"], ["万元"]),
    # a line the document does not print is not its sibling that shares words with it
    ("烟台教育局今年小学教育多少", ["没有列出“小学教育”"], ["学前教育为"]),
    # nor a firm said by its name alone, no stored text saying it (比亚迪)
    ("深圳工信局今年给比亚迪拨了多少钱", ["比亚迪"], ["万元"]),
    ("深圳工信局今年给比亚迪补贴了多少钱", ["比亚迪"], ["万元"]),
    # whom a 公务接待 hosted is never disclosed, nor the units of the department instead
    ("湖州财政局公务接待费5.8万都接待了哪些单位？", ["无法回答"], ["4.00万元"]),
    # a firm's name that another department's text says is still no body this one's tables price
    ("深圳住建局的绿色建筑专项资金给万科补贴了多少钱？", ["万科"], ["万元"]),
    # what each group abroad spent is never disclosed, nor the total instead
    ("江苏省政协2018年出国都去了哪几个国家？每个团花了多少钱？", ["出访的国家"], ["10150.48"]),
    # parts of a whole that its document does not print, asked inside it: refused, not the whole
    (
        "北京市宣传部今年基本支出里人员经费和公用经费分别是多少？",
        ["没有公开“人员经费”"],
        ["25249.84"],
    ),
    # nor one body no table names, whatever figure the words after it name (科研项目经费)
    ("重庆水利局今年给重庆大学安排了多少科研项目经费？", ["重庆大学"], ["万元"]),
    ("重庆水利局今年给江北水厂单独安排了多少水利工程建设资金？", ["江北水厂"], ["万元"]),
    # nor one named person's pay, nor one official's said by the title (主席) and a year
    ("重庆水利局预算公开联系人肖君平一年工资多少钱？", ["不公开个人工资"], ["万元"]),
    ("江苏省政协主席2017年工资是多少？", ["不公开个人工资"], ["万元"]),
    # one district's share of a transfer, said with 给
    ("北京市人社局今年给海淀区的转移支付是多少？", ["不公开"], ["万元"]),
    # which firm was paid, and what each was paid after it (每家多少, 合同各多少钱)
    ("无锡人社局的培训费交给哪家培训公司了？每家多少", ["不公开"], ["万元", "“每家”"]),
    ("杭州市司法局的物业包给了哪家公司？合同各多少钱？", ["不公开"], ["万元"]),
    # a body asked of its own budget (自己今年的总预算), which only its department's text names
    ("烟台SOS儿童村自己今年的总预算是多少？", ["没有单列SOS儿童村"], ["万元"]),
    # the share of one district of what is given to them all: never listed
    ("北京人社局的共同事权转移支付海淀区分到多少？", ["每个区县分到的数额"], ["万元"]),
    # a project asked (哪个项目) where no table names projects
    ("上海市戒毒康复中心的项目支出哪个项目最多", ["没有按项目列出"], ["万元"]),
    # the price of one thing or one service, and the models bought: never disclosed
    ("北京市统计局今年打算买哪些型号的电脑，每台多少钱？", ["不公开"], ["万元"]),
    # a body of a government ending in 调查队 that nothing stored discloses
    (
        "烟台市农村社会经济调查队26年单独的预算有多少？",
        ["烟台市农村社会经济调查队"],
        ["请问您想查哪个部门"],
    ),
    # the projects of 绩效目标 named, where no form nor 项目支出 table lists them: their total,
    # and that it is all
    (
        "上海市中医文献馆编报绩效目标的项目分别叫啥，每个多少钱",
        ["5,859.39万元", "没有按项目列出"],
        [],
    ),
    # an office of a department named after it, ending in 部: no unit any table prints
    ("深圳市财政局的综合保障部今年单独预算是多少？", ["综合保障部"], ["万元"]),
    # parts of a line said inside it (机关运行经费里) that no table nor sentence prices
    ("北京市统计局今年机关运行经费里，会议费和差旅费各安排了多少？", ["会议费", "差旅费"], []),
    # a line the 机关运行经费 table prints too (会议费 933.50) is not divided by that table's 类,
    # and an amount said roughly (九百多万) names nothing
    (
        "江苏省委办公厅2017年会议费预算九百多万，主要是花在啥上面？",
        ["会议费"],
        ["1072.50%", "这个指标", "没有列出“"],
    ),
    # a school said short (烟台一中), which no stored file is of
    ("烟台一中26年预算是多少钱？", ["烟台一中"], ["请问您想查哪个部门"]),
    # a department said short running on into another body's name (北京市统计|调查中心,
    # 北京交通|运输职业学院): that body, not stored, nor another government's namesake
    ("北京市统计调查中心今年的预算是多少？", ["北京市统计调查中心"], ["北京市统计局2026年"]),
    ("北京交通运输职业学院2026年预算有多少？", ["北京交通运输职业学院"], ["学院2026年"]),
    # a body ending in 所, named with its government, that nothing stored discloses
    ("北京车管所今年自己的预算是多少？", ["北京车管所"], ["请问您想查哪个部门"]),
    # projects asked by name where no table lists them: refused, the lines of the whole shown
    ("上海市中医文献馆的项目支出具体有哪几个项目，每个项目多少钱？", ["没有按项目列出"], []),
    # a change the text states without its amount (比2025年年初预算数有所减少): how much is refused,
    # with the text's words, not said to be stated nowhere
    ("北京市委宣传部2026年预算比2025年少了多少万？", ["133247.98", "有所减少"], ["没有说明"]),
    # what a budget's year will have spent, and whether beyond the budget, is not known yet
    ("江苏政协办公厅2017年最后实际花了多少钱？有没有超预算？", ["9146.79", "决算"], []),
    # a part no line of the whole's lists (14号线 of 轨道交通管理): not the whole's amount
    ("深圳市交通运输局轨道交通管理里面14号线多少钱", ["没有单列14号线", "12号线"], []),
    # 深圳信访局 p5 lists its 处（室）: no table prints a figure by 处室, and the 接待 in
    # 来访接待管理处 is no 公务接待费
    ("深圳市信访局来访接待管理处一年预算是多少？", [], ["公务接待费"]),
    # 烟台民政局 has published its 2026 budget only: 实际一共花了 asks a 决算
    ("烟台民政局去年实际一共花了多少钱？", ["决算"], []),
    # a body ending like a station, of a government: unknown, by its whole name
    ("北京市无线电监测站2026年的预算是多少？", ["北京市无线电监测站"], []),
    # only 烟台大数据局's 项目支出表 prints a 大数据中心: no unit of 北京市财政局, which is
    # still read
    ("北京市财政局下属的大数据中心今年单独预算是多少？", [], ["请问您想查哪个部门"]),
    # a body named with its government that ends like a prison or a guest house: not stored
    ("烟台监狱今年的预算有多少？", ["烟台监狱"], ["请问您想查哪个部门"]),
    ("江苏东郊国宾馆2019年的预算是多少？", ["江苏东郊国宾馆"], ["请问您想查哪个部门"]),
    # … named under its department, whose tables do not print it apart
    ("江苏省委办公厅下面的东郊国宾馆2019年预算是多少？", ["东郊国宾馆"], ["本年支出合计为"]),
    # a unit under the department ending like an office's room (编辑室), printed apart nowhere
    ("北京市政府办公厅下面的公报编辑室单独有多少预算？", ["没有单列", "公报编辑室"], []),
    # a body ending in 总站, named with its government in full
    ("北京市建设工程安全质量监督总站今年预算是多少？", ["北京市建设工程安全质量监督总站"], []),
    # an amount per head after a count, neither printed: refused, not 人员经费 alone
    ("深圳市信访局有多少个编制？平均每个人一年的人员经费是多少？", ["在职人数"], ["人员经费为"]),
]


@pytest.mark.parametrize(("question", "held", "not_held"), HELD_NOT_HELD)
def test_what_an_answer_holds_and_leaves_out(
    national: Ingested, question: str, held: list[str], not_held: list[str]
) -> None:
    answer = national.engine.ask(question, Scope())
    for said in held:
        assert said in answer.answer, answer.answer
    for unsaid in not_held:
        assert unsaid not in answer.answer, answer.answer


@pytest.mark.parametrize(("question", "held", "not_held"), REFUSED)
def test_what_a_refusal_holds_and_leaves_out(
    national: Ingested, question: str, held: list[str], not_held: list[str]
) -> None:
    answer = national.engine.ask(question, Scope())
    assert answer.refused, answer.answer
    for said in held:
        assert said in answer.answer, answer.answer
    for unsaid in not_held:
        assert unsaid not in answer.answer, answer.answer


@pytest.mark.parametrize(
    ("first", "pointing", "held", "not_held"),
    [
        # by its place in the list
        ("深圳市财政局的项目里，钱最多的三个是哪些？", "排第一那个主要花在啥上面？",
         "3600.00万元", None),
        ("深圳市财政局的项目里，钱最多的三个是哪些？", "最后一个是干什么的？", "普惠金融", None),
        # by the ranking's own word (最大那个: the first)
        ("深圳市财政局的项目里，钱最多的三个是哪些？", "最大那个是干啥的？",
         "个人消费贷款财政贴息", None),
        ("深圳审计局哪个项目预算最多？", "第一名呢，比上年多还是少？",
         "综合管理为918.01万元", None),
        # by a word of its name, which names no department
        ("深圳市信访局的项目里最多的三个是哪些？", "信访大厅那笔钱具体用在哪些方面？",
         "大厅律师服务支出120.00万元", None),
        # by the start of its name (烟台宣传部: 文化产业发展专项资金 430.00, the third largest)
        ("烟台市委宣传部今年哪三个项目花钱最多？各多少？", "文化产业那笔钱具体打算怎么花？",
         "430.00万元", "项目支出为"),
        # 第一大块: the first listed, of a ranking the largest
        ("烟台自规局哪三类支出最多？", "第一大块里面具体哪几项花得最多？",
         "事业运行6810.62万元", None),
        # by its place, with the parts asked inside it, each by its own words
        ("深圳市交通运输局的项目里面，钱最多的三个是哪几个？",
         "排第一的那个里头，12号线和13号线各多少？",
         "13号线PPP项目运营期管理项目23260.74万元（占13.26%）", "4号线"),
        # by two words of its name right before words pointing at one
        ("深圳市交通运输局的项目里面，钱最多的三个是哪几个？",
         "轨道那一项具体给了哪几条地铁线？各多少钱？",
         "深圳市轨道交通13号线PPP项目运营期管理项目23260.74万元", None),
    ],
)  # fmt: skip
def test_an_item_a_ranking_listed_is_pointed_at_in_the_next_question(
    national: Ingested, first: str, pointing: str, held: str, not_held: str | None
) -> None:
    asked = national.engine.ask(first, Scope())
    answer = national.engine.ask(pointing, Scope(), asked.session_id)
    assert held in answer.answer, answer.answer
    assert not_held is None or not_held not in answer.answer, answer.answer


def test_a_share_asked_next_of_a_figure_named_in_its_own_words(national: Ingested) -> None:
    """那预留的机动经费占多少 after 基本支出's share: 单位预留机动经费 (2938.21 of 27664.22), said
    with 的 inside and 那 before it, not 基本支出 again."""
    asked = national.engine.ask("江苏省委办公厅2019年基本支出占多少", Scope())
    answer = national.engine.ask("那预留的机动经费占多少？", Scope(), asked.session_id)
    assert "单位预留机动经费占本年支出合计的10.62%" in answer.answer, answer.answer


def test_an_item_asked_how_much_after_what_was_bought_is_its_amount(national: Ingested) -> None:
    """复印机多少钱 after 政府采购都买了些什么: the item's 6.00 of its 政府采购预算表, not the
    breakdown of 政府采购 again."""
    asked = national.engine.ask("江苏省委办公厅2019年政府采购都买了些什么？", Scope())
    answer = national.engine.ask("复印机多少钱？", Scope(), asked.session_id)
    assert "复印机为6.00万元" in answer.answer, answer.answer
    assert "政府采购货物" not in answer.answer, answer.answer


def test_the_funds_figure_a_narrative_states_is_a_value_of_the_answer(national: Ingested) -> None:
    """上海市中医文献馆: 卫生健康支出 78,461,409元 of all funds; its text's 2,206万元 is the
    财政拨款 tables' 22,058,264元, stated in the answer and so one of its values."""
    answer = national.engine.ask("上海市中医文献馆卫生健康支出多少", Scope())
    assert "财政拨款的表中为2205.83万元" in answer.answer, answer.answer
    assert 2205.8264 in {float(v.value) for v in answer.values}, answer.values
