"""Departments as people name them: the organisations of a store of many cities' documents,
found in questions by their full names, their names without or with a shortened region,
everyday abbreviations, the ends of their names and one-character slips."""

import pytest

from caiwen.service.departments import match_departments
from caiwen.service.directory import Directory
from caiwen.service.names import Organisation, organisation

STORED = [
    ("上海市普陀区人民政府万里街道办事处", "上海市普陀区"),
    ("上海市普陀区社会福利院", "上海市普陀区"),
    ("上海市普陀区财政局", "上海市普陀区"),
    ("中共上海市普陀区委社会工作部", "上海市普陀区"),
    ("上海市普陀区商务委员会", "上海市普陀区"),
    ("上海市普陀区人民政府办公室", "上海市普陀区"),
    ("株洲市石峰区政务服务中心", "株洲市石峰区"),
    ("上海交通职业技术学院", "上海市"),
    ("北京市交通委员会", "北京市"),
    ("北京市财政局", "北京市"),
    ("北京市人力资源和社会保障局", "北京市"),
    ("北京市发展和改革委员会", "北京市"),
    ("北京市卫生健康委员会", "北京市"),
    ("北京市市场监督管理局", "北京市"),
    ("北京市住房和城乡建设委员会", "北京市"),
    ("北京市城市管理综合行政执法局", "北京市"),
    ("北京市人民政府国有资产监督管理委员会", "北京市"),
    ("中国共产党北京市委员会宣传部", "北京市"),
    ("北京市公安局", "北京市"),
    ("北京市公安局交通管理局", "北京市"),
    ("深圳市交通运输局", "深圳市"),
    ("深圳市交通运输局（本级）", "深圳市"),
    ("深圳市财政局（本级）", "深圳市"),
    ("深圳市人民政府办公厅", "深圳市"),
    ("深圳市建筑工务署", "深圳市"),
    ("中共深圳市委宣传部（本级）", "深圳市"),
    ("烟台市交通运输局", "烟台市"),
    ("烟台市信访局", "烟台市"),
    ("上海市信访办公室", "上海市"),
    ("烟台市财政局", "烟台市"),
    ("烟台市人民政府办公室", "烟台市"),
    ("重庆市商务委员会", "重庆市"),
    ("江苏省高级人民法院", "江苏省"),
    ("江苏省人民检察院", "江苏省"),
    ("国家信访局", "中央"),
    ("江苏省政协办公厅", "江苏省"),
    ("江苏省人大常委会办公厅", "江苏省"),
    ("无锡市应急管理局", "无锡市"),
    ("无锡市应急管理综合行政执法监督局", "无锡市"),
    ("上海市应急管理局执法总队", "上海市"),
    ("北京市应急管理局", "北京市"),
    ("福州市公安局交通管理支队", "福州市"),
    ("福州市公安局治安管理支队", "福州市"),
    ("深圳市公安局交通管理局（本级）", "深圳市"),
    ("上海市住房和城乡建设管理委员会人才开发评价中心", "上海市"),
    ("深圳市住房和建设局", "深圳市"),
    ("无锡市住房和城乡建设局", "无锡市"),
    ("上海市财务会计综合管理事务中心（上海市财政科学研究所）", "上海市"),
    ("深圳市水务工程质量安全监督站", "深圳市"),
    ("重庆市科学技术局", "重庆市"),
    ("重庆市规划和自然资源局", "重庆市"),
    ("烟台市自然资源和规划局", "烟台市"),
]


@pytest.fixture(scope="module")
def directory() -> Directory:
    return Directory(organisation(name, region) for name, region in STORED)


def meant(directory: Directory, question: str) -> list[list[str]]:
    return [sorted(o.name for o in m.organisations) for m in directory.find(question)]


@pytest.mark.parametrize(
    ("question", "names"),
    [
        ("区府办三公经费多少", "上海市普陀区人民政府办公室"),
        ("普陀商务委今年预算多少", "上海市普陀区商务委员会"),
        ("福利院招待费花了多少", "上海市普陀区社会福利院"),
        ("社会福利苑去年三公经费", "上海市普陀区社会福利院"),
        ("社工部的项目支出", "中共上海市普陀区委社会工作部"),
        ("万里街道今年预算多少钱？", "上海市普陀区人民政府万里街道办事处"),
        ("石峰政务中心的三公经费", "株洲市石峰区政务服务中心"),
        ("北京交通委的预算", "北京市交通委员会"),
        ("深圳交通局三公经费", "深圳市交通运输局"),
        ("深圳交通远输局三公经费", "深圳市交通运输局"),
        # the office of a function under another unit word where its government has that one only
        ("烟台信访办三公经费多少", "烟台市信访局"),
        # …or the one whose stem the characters said abbreviate, whatever unit word follows
        ("深圳交通委的预算", "深圳市交通运输局"),
        ("北京交通局的预算", "北京市交通委员会"),
        ("重庆科委三公经费多少", "重庆市科学技术局"),
        # a government and the start of a stem, no unit word (公安 said whole: not 公安局交通管理)
        ("北京公安出国要花多少钱", "北京市公安局"),
        ("北京财政三公经费多少", "北京市财政局"),
        # an abbreviation with its unit word left unsaid after its government
        ("北京人社三公经费多少", "北京市人力资源和社会保障局"),
        ("北京住建今年预算", "北京市住房和城乡建设委员会"),
        ("北京发改的三公", "北京市发展和改革委员会"),
        # a pinyin input method's slip in an abbreviation: a character of the same sound
        ("北京住键委", "北京市住房和城乡建设委员会"),
        ("北京发该委三公经费", "北京市发展和改革委员会"),
        ("烟台财政局三公经费多少", "烟台市财政局"),
        ("北京人社局", "北京市人力资源和社会保障局"),
        ("北京发改委", "北京市发展和改革委员会"),
        ("北京卫健委", "北京市卫生健康委员会"),
        ("北京市监局", "北京市市场监督管理局"),
        ("北京住建委", "北京市住房和城乡建设委员会"),
        ("北京城管局", "北京市城市管理综合行政执法局"),
        ("北京国资委", "北京市人民政府国有资产监督管理委员会"),
        # stored as 中国共产党北京市委员会宣传部: one organisation however its documents write it
        ("北京市委宣传部", "中共北京市委宣传部"),
        ("深圳市委宣传部", "中共深圳市委宣传部"),
        ("北京市公安局交通管理局的预算", "北京市公安局交通管理局"),
        ("北京市公安局的预算", "北京市公安局"),
        ("工务署", "深圳市建筑工务署"),
        ("江苏高院", "江苏省高级人民法院"),
        ("省检察院", "江苏省人民检察院"),
        ("国家信访局2024年决算", "国家信访局"),
        ("上海交通职业技术学院", "上海交通职业技术学院"),
        # a body's office publishes the body's budget
        ("江苏省政协2019年三公经费", "江苏省政协办公厅"),
        ("江苏政协今年请客吃饭", "江苏省政协办公厅"),
        # a slip after a shorter name: the whole name, nothing of it left as a figure's name
        ("江苏政协办工厅19年总共多少钱", "江苏省政协办公厅"),
        # a slip of sound with another name's character (建 of 住建局 for 健 of 卫健委)
        ("北京卫建委三公", "北京市卫生健康委员会"),
        ("省人大2018年的预算", "江苏省人大常委会办公厅"),
        ("江苏省人大常委会三公经费", "江苏省人大常委会办公厅"),
        # an abbreviation says the most of the organ itself, not of a longer-named unit
        ("无锡应急局三公经费多少钱", "无锡市应急管理局"),
        # a unit named without the organ it belongs to, and the traffic police as people say it
        ("福州治安支队有几辆车", "福州市公安局治安管理支队"),
        ("福州交警支队三公经费", "福州市公安局交通管理支队"),
        ("深圳交警今年预算", "深圳市公安局交通管理局"),
        ("北京交警的预算", "北京市公安局交通管理局"),
        ("上海人才开发评价中心", "上海市住房和城乡建设管理委员会人才开发评价中心"),
        # a unit's name after its department's full name said with a character left out
        (
            "上海市住房城乡建设管理委员会人才开发评价中心2026年三公经费多少",
            "上海市住房和城乡建设管理委员会人才开发评价中心",
        ),
        # each government's closest: 深圳's shorter name does not hide 无锡's
        ("无锡住建局部门预算一共多少钱", "无锡市住房和城乡建设局"),
        ("深圳住建局三公经费", "深圳市住房和建设局"),
        # a body of two names, by its second and that one's abbreviation
        ("上海市财政科学研究所的预算", "上海市财务会计综合管理事务中心（上海市财政科学研究所）"),
        ("上海财科所今年预算", "上海市财务会计综合管理事务中心（上海市财政科学研究所）"),
    ],
)
def test_a_name_as_people_say_it_means_one_organisation(
    directory: Directory, question: str, names: str
) -> None:
    assert meant(directory, question) == [[names]]


def test_a_name_shared_by_several_cities_means_all_of_them(directory: Directory) -> None:
    finance = ["上海市普陀区财政局", "北京市财政局", "烟台市财政局", "深圳市财政局"]
    assert meant(directory, "财政局三公经费多少") == [sorted(finance)]
    transport = ["深圳市交通运输局", "烟台市交通运输局"]
    assert meant(directory, "交通局今年预算") == [sorted(transport)]
    offices = ["深圳市人民政府办公厅", "烟台市人民政府办公室", "上海市普陀区人民政府办公室"]
    assert meant(directory, "政府办的预算") == [sorted(offices)]


def test_a_department_named_without_its_city_is_that_office_of_every_city(
    directory: Directory,
) -> None:
    """Whatever its unit word there (北京's is a 委员会), and of governments of the level said
    (区府办: a district's)."""
    housing = ["北京市住房和城乡建设委员会", "无锡市住房和城乡建设局"]
    assert meant(directory, "住房和城乡建设局三公经费") == [housing]
    assert meant(directory, "区府办三公经费多少") == [["上海市普陀区人民政府办公室"]]


def test_a_department_said_with_委_is_the_committee_of_the_cities_that_have_one(
    directory: Directory,
) -> None:
    """住建委 is 北京's 住房和城乡建设委员会, not 无锡's 住建局 (said with 局, it is both)."""
    assert meant(directory, "住建委三公经费") == [["北京市住房和城乡建设委员会"]]


def test_a_fiscal_word_is_no_slip_of_the_pen() -> None:
    """科学技术支出 is a 功能分类 line, not 科学技术局 written with a slip; 科学技木局 is."""
    directory = Directory([organisation(n, "无锡市") for n in ("无锡市科学技术局", "无锡市商务局")])
    assert meant(directory, "无锡市商务局的科学技术支出是多少") == [["无锡市商务局"]]
    assert meant(directory, "无锡市科学技木局三公") == [["无锡市科学技术局"]]


def test_two_departments_of_two_cities_are_told_apart(directory: Directory) -> None:
    assert meant(directory, "北京交通委和深圳交通局哪个预算多") == [
        ["北京市交通委员会"],
        ["深圳市交通运输局"],
    ]
    assert meant(directory, "北京财政局和烟台财政局比一比") == [["北京市财政局"], ["烟台市财政局"]]


def test_governments_before_how_many_places_they_are_each_have_the_department(
    directory: Directory,
) -> None:
    """北京、深圳、烟台三个城市的财政局: the 财政局 of each of the three."""
    assert sorted(meant(directory, "北京、深圳、烟台三个城市的财政局，三公经费谁最高")) == [
        ["北京市财政局"],
        ["深圳市财政局"],
        ["烟台市财政局"],
    ]


def test_the_level_mark_of_a_name_is_not_another_organisation() -> None:
    assert organisation("深圳市交通运输局（本级）", "深圳市") == organisation(
        "深圳市交通运输局", "深圳市"
    )
    assert organisation("福州市民政局(本级)", "福州市") == Organisation("福州市民政局", "福州市")


def test_a_city_with_no_documents_is_not_answered_by_another_citys_namesake(
    directory: Directory,
) -> None:
    [mention] = directory.find("广州市财政局三公经费")
    assert (mention.how, mention.organisations) == ("unknown_region", ())
    assert [r.region for r in directory.unknown_regions("西安的呢？")] == ["西安市"]


def test_a_department_a_city_does_not_hold_is_named_with_the_city(
    directory: Directory,
) -> None:
    """上海应急管理局: 上海 holds no 应急管理局 (only a unit of it, 上海市应急管理局执法总队), and
    the other cities' namesakes are not meant; the mention names 上海市应急管理局, which the
    unit's name holds."""
    [mention] = directory.find("上海应急管理局的部门预算有多少")
    assert (mention.how, mention.text, mention.organisations) == (
        "not_in_region",
        "上海市应急管理局",
        (),
    )


def test_the_end_of_another_governments_name_is_not_meant_where_one_government_is_named(
    directory: Directory,
) -> None:
    """烟台市建设工程质量和安全监督站 ends as 深圳市水务工程质量安全监督站 does, but the question
    names 烟台市: 深圳's station is not meant. Said alone, the end still names it; another
    government's department named in full is meant beside a city named (国家信访局)."""
    question = "烟台市建设工程质量和安全监督站今年自己的预算是多少"
    found = [o for m in directory.find(question) for o in m.organisations]
    assert not [o for o in found if o.region != "烟台市"]
    assert meant(directory, "安全监督站今年预算多少") == [["深圳市水务工程质量安全监督站"]]
    both = meant(directory, "国家信访局和烟台市信访局的三公经费差多少")
    assert both == [["国家信访局"], ["烟台市信访局"]]


def test_a_unit_word_alone_names_no_office(directory: Directory) -> None:
    """人民政府办公室 less its 人民政府 is 办公室 alone: the end of any body's name (…管理建设
    办公室), no government's office; 政府办 and 区府办 still are."""
    question = "省政协下面的南京中国近代史遗址博物馆管理建设办公室，19年自己的预算有多少？"
    assert meant(directory, question) == [["江苏省政协办公厅"]]
    assert meant(directory, "烟台政府办预算") == [["烟台市人民政府办公室"]]
    assert meant(directory, "普陀区府办预算") == [["上海市普陀区人民政府办公室"]]


def test_a_city_above_the_stored_district_offers_the_district(directory: Directory) -> None:
    [mention] = directory.find("上海财政局三公经费")
    assert mention.how == "inside_region"
    assert [o.name for o in mention.organisations] == ["上海市普陀区财政局"]


def test_ordinary_words_name_no_organisation(directory: Directory) -> None:
    for question in (
        "今年预算多少",
        "全部支出是多少",
        "机关运行经费",
        "一般公共预算财政拨款支出",
        "北京一共多少钱",
        "深圳三公经费最多的是哪个部门",
    ):
        assert directory.find(question) == []


def test_a_tool_argument_resolves_to_the_organisation(directory: Directory) -> None:
    assert directory.resolve("深圳市交通运输局（本级）") == [
        Organisation("深圳市交通运输局", "深圳市")
    ]
    assert [o.name for o in directory.resolve("财政局", region="烟台市")] == ["烟台市财政局"]
    # 北京 has no 口岸办: 市口岸办 is how 深圳 says its own, not what 北京市口岸办 means
    ports = Directory(
        [Organisation("深圳市人民政府口岸办公室", "深圳市"), Organisation("北京市财政局", "北京市")]
    )
    assert ports.resolve("北京市口岸办") == []
    assert ports.resolve("深圳市口岸办") == [Organisation("深圳市人民政府口岸办公室", "深圳市")]


def test_another_government_is_no_slip_of_the_pen() -> None:
    """A tool argument naming a city with no documents (济南市应急管理局) is not another city's
    namesake spelt close; a character missing from one city's name still finds it."""
    stored = ["北京市应急管理局", "无锡市应急管理局"]
    assert match_departments("济南市应急管理局", stored) == []
    assert match_departments("北京市急管理局", stored) == ["北京市应急管理局"]


def test_another_office_of_the_same_government_is_no_slip_of_the_pen() -> None:
    """无锡市水务局 is a 水务局 (北京 has one), not a misspelt 无锡市商务局; a name no other
    government's office has is still read as a slip (无锡市商局)."""
    stored = ["无锡市商务局", "无锡市水利局", "北京市水务局"]
    assert match_departments("无锡市水务局", stored) == []
    assert match_departments("无锡市商局", stored) == ["无锡市商务局"]
    # past a district too: 普陀区's 民政局 is a 民政局, not its 财政局 misspelt
    district = ["上海市普陀区财政局", "北京市民政局"]
    assert match_departments("上海市普陀区民政局", district) == []


def test_one_organisation_written_in_several_ways_is_one() -> None:
    """江苏's party office files its 2017 budget as 江苏省委办公厅 and its 2018 and 2019 budgets
    as 中共江苏省委办公厅: asking for it is not a choice between two."""
    stored = [("江苏省委办公厅", "江苏省"), ("中共江苏省委办公厅", "江苏省")]
    directory = Directory(organisation(name, region) for name, region in stored)
    assert meant(directory, "江苏省委办公厅2019年三公经费多少") == [["中共江苏省委办公厅"]]
    assert organisation("中国共产党江苏省委员会办公厅", "江苏省") == organisation(*stored[0])
    assert organisation("北京市交通委员会", "北京市").name == "北京市交通委员会"


def test_a_name_means_an_organisation_as_a_whole_or_not(directory: Directory) -> None:
    """Whether a name (a file's, say) is another writing of a stored organisation's: its
    government and unit word aside, a mention must span it."""
    assert Organisation("北京市交通委员会", "北京市") in directory.whole("北京交通委")
    assert not directory.whole("上海市交通运输局")


def test_a_name_only_a_unit_row_goes_by_also_means_the_stored_body_ending_in_it() -> None:
    """深圳人社局's tables print a row for 深圳市考试院, which has no file of its own; 上海's
    职业能力考试院 has one: 考试院 may mean either, 深圳考试院 only the row."""
    stored = [Organisation("上海市职业能力考试院", "上海市")]
    units = [Organisation("深圳市考试院", "深圳市")]
    directory = Directory(stored, units)
    assert meant(directory, "考试院今年预算多少") == [["上海市职业能力考试院", "深圳市考试院"]]
    assert meant(directory, "深圳考试院今年预算多少") == [["深圳市考试院"]]


def test_a_body_under_a_department_is_abbreviated_by_its_own_words() -> None:
    """交管局 is the 公安局交通管理局 of every government that has one, where no department's own
    stem reads it (那下面南山管理局 too); 交通局 is still the 交通运输局; an office said right
    after another department (医保局福田分局) is no abbreviation of a unit of a third."""
    stored = [
        ("北京市公安局交通管理局", "北京市"),
        ("深圳市公安局交通管理局", "深圳市"),
        ("深圳市交通运输局", "深圳市"),
        ("深圳市医疗保障局", "深圳市"),
    ]
    units = [
        Organisation("深圳市社会保险基金管理局福田分局", "深圳市"),
        Organisation("深圳市生态环境局南山管理局", "深圳市"),
    ]
    directory = Directory([organisation(*s) for s in stored], units)
    both = ["北京市公安局交通管理局", "深圳市公安局交通管理局"]
    assert meant(directory, "交管局今年预算多少") == [both]
    assert meant(directory, "深圳交管局今年预算多少") == [["深圳市公安局交通管理局"]]
    assert meant(directory, "深圳交通局今年预算多少") == [["深圳市交通运输局"]]
    assert meant(directory, "深圳医保局福田分局的预算") == [["深圳市医疗保障局"]]
    assert meant(directory, "那下面南山管理局的三公经费") == [["深圳市生态环境局南山管理局"]]


def test_a_unit_word_said_is_not_taken_again_from_the_word_after_it() -> None:
    """卫健委委托业务费: the 委 of 委托 begins the figure's name, not a second 委 of the name."""
    directory = Directory([Organisation("深圳市卫生健康委员会", "深圳市")])
    assert [m.text for m in directory.find("深圳卫健委委托业务费多少")] == ["卫健委"]


def test_a_place_that_is_a_word_of_the_name_is_abbreviated_with_it(directory: Directory) -> None:
    """上海交通职业技术学院 begins with 上海, a word of its name, not 上海市: 上交职院 is it;
    上科大附校 is 上海科技大学附属学校."""
    assert meant(directory, "上交职院今年预算多少") == [["上海交通职业技术学院"]]
    school = Directory([Organisation("上海科技大学附属学校", "上海市")])
    assert meant(school, "上科大附校26年预算一共多少钱") == [["上海科技大学附属学校"]]


def test_a_government_said_by_its_one_character_names_its_department(
    directory: Directory,
) -> None:
    """京 and 沪 before a department's name are 北京 and 上海; inside a word they are nothing."""
    assert meant(directory, "京交委今年预算多少") == [["北京市交通委员会"]]
    assert meant(directory, "沪财政局三公经费") == [["上海市普陀区财政局"]]
    assert meant(directory, "南京财政局预算") != [["北京市财政局"]]
    assert directory.find("新增了多少") == []


def test_an_office_said_by_the_field_its_name_ends_with_is_each_citys(
    directory: Directory,
) -> None:
    """自然资源局 abbreviates 烟台's 自然资源和规划局 and ends 重庆's 规划和自然资源局."""
    assert meant(directory, "自然资源局今年三公") == [
        ["烟台市自然资源和规划局", "重庆市规划和自然资源局"]
    ]


def test_another_unit_word_after_a_city_names_no_body_under_a_department(
    directory: Directory,
) -> None:
    """上海住建委: 上海 has no such department, and its 住房和城乡建设管理委员会人才开发评价中心
    is a body under one, not what 住建委 abbreviates."""
    assert meant(directory, "上海市住建委的预算") == [[]]
