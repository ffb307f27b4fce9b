"""The typed details of each operation's result: a comparison of two years, a share, a
breakdown, a ranking, passages … Each names its values by what they are (the same Value
objects as the result's values list), so nothing reads a value's meaning from its name or its
place in a list."""

from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, Field

from caiwen.service.values import Citation, Value, rounded


class DocumentEntry(BaseModel):
    """An ingested disclosure as the tools list it."""

    document_id: str
    department: str
    region: str | None = None
    year: int
    kind: str
    level: str
    file: str
    pages: int | None = None


class Documents(BaseModel):
    documents: list[DocumentEntry]


class Stated(BaseModel):
    """A figure the narrative states against a table figure (both cited)."""

    metric: str
    value: Decimal
    unit: str
    citation: Citation
    rounded: bool = False
    """The narrative writes the table's figure to fewer places (40,870 for 40,869.60): the
    same figure, rounded or cut, no disagreement."""
    printed: str | None = None
    """As its table prints it, where that is in another unit (35,000元)."""
    fund: str | None = None
    """The fund whose tables print the narrative's value (上海's 编制说明 states each 科目 of
    财政拨款: 卫生健康支出2,206万元, where all funds' is 7,846.14): that fund's part, no
    disagreement."""
    fund_value: Decimal | None = None
    """The line's figure in that fund's tables (2,205.83)."""
    scope: str | None = None
    """The 口径 of the other table printing it (一般公共预算财政拨款机关运行经费)."""
    basic_only: bool = False
    """The table's figure is of 基本支出 alone, and the narrative's, larger, of more (烟台's
    委托业务费: 280.64 in its 基本支出 tables, 2,370.78 of all its 财政拨款): another scope, no
    disagreement."""


class EmptyNote(BaseModel):
    """A table's note calling the table empty, under a table that prints a figure."""

    table: str
    note: str
    citation: Citation


class Absent(BaseModel):
    """A figure the document does not print, where the table that would print it is printed
    empty (what a question whether there is any, 有没有政府性基金预算, is answered with) or the
    narrative says why."""

    metric: str
    table: str | None
    """The empty table (None: no table is printed empty, the narrative says why)."""
    notes: list[str]
    citation: Citation
    said_none: bool = False
    """Whether the document says there is none by printing the table empty (本年度没有财政拨款
    “三公”经费支出，故本表无数据): any table but a 绩效目标表, whose emptiness says nothing of
    the money."""
    stated: Citation | None = None
    """The narrative's sentence saying there is none of it (本部门年初不编制…预算), quoted."""


class TargetRead(BaseModel):
    """A target a 绩效目标表 sets (or a count its sentence states), as printed."""

    target: Value
    line: str
    """The indicator's name, or the words the sentence states it after."""
    project: str
    """The project whose form prints it ('' for none)."""
    printed: str
    """The value with its comparator and what it counts, as printed (≥4次)."""


class FigureRead(BaseModel):
    """One figure, with what the document says elsewhere against it."""

    figure: Value
    narrative: Stated | None = None
    empty_note: EmptyNote | None = None
    instead_of: str | None = None
    """The kind asked for (决算: what was spent) when the department published only the other
    one that year: the figure is the budget's, and the answer says so instead of answering."""
    fund_unprinted: str | None = None
    """The fund asked of (其中政府性基金多少), where its tables do not print the line: the
    figure is the line's of all funds, and the answer says so."""
    stated_as: str | None = None
    """The metric asked, where the document prints no table and the figure is what its
    narrative states it as (本年支出合计: 一般公共预算财政拨款支出923.1961万元): said so."""
    whole_for_part: bool = False
    """Asked of the department's own part (本级), which its 部门 document does not print apart:
    the figure is the whole department's, and the answer says so."""
    narrative_same: Stated | None = None
    """The narrative stating the very same figure: shown where whether they agree is asked."""
    zero_said: Stated | None = None
    """Of a figure of none, the narrative's sentence stating it with why (公务用车运行维护费0万元，
    …主要原因是本年度实行公车统管), quoted after it."""
    with_carried: Stated | None = None
    """What the narrative's words for the figure state with the money carried over (部门收入预算
    为67152.73万元: its 收入总计): said beside it, as what the words mean there."""
    elsewhere: list[Stated] = Field(default_factory=list)
    """The same name printed in other tables (公务接待费 in the 三公 table and in the 基本支出
    table): shown where whether they agree is asked."""
    other_scopes: list[Stated] = Field(default_factory=list)
    """The same line printed with another amount in a table of another 口径 (差旅费 40.00 in the
    基本支出 table, 1,070.00 in the 机关运行经费 table): said beside the figure, its 口径 named."""
    flat_since: str | None = None
    """Where the narrative states the figure unchanged (与上年持平, 与2025年预算持平), what
    from, as it says it: said after it."""
    flat_citation: int | None = None
    """The index of that statement's citation in the result's."""
    goal: str | None = None
    """What a project named by its form is for, as the form states it (项目实施期目标)."""
    goal_citation: int | None = None
    """The index of the goal's citation in the result's."""
    blocks: list[Value] = Field(default_factory=list)
    """The rows a line of a table keyed twice adds up, each named by the block it is printed
    in (机关商品和服务支出, 对事业单位经常性补助)."""

    @property
    def disagreed(self) -> bool:
        """Whether the text (beyond rounding) or another table prints the figure otherwise."""
        said = [s for s in [self.narrative, *self.elsewhere] if s and not (s.rounded or s.fund)]
        return any(rounded(s.value) != rounded(self.figure.value) for s in said)


class OneYear(BaseModel):
    """A comparison that cannot be made: this year's figure, and the rate of change the text
    states without last year's amount (比上年预算数下降12.0%), where it states one."""

    current: Value
    rate: Value | None = None
    rate_citation: Citation | None = None
    rate_direction: str | None = None
    """The word the text states the rate's direction in (下降, 增长)."""
    unmeasured: str | None = None
    """The text's words saying the figure changed but not by how much (比2025年年初预算数有所减少):
    the change asked is known not to be disclosed."""
    whole_part: "Comparison | None" = None
    """The change the text states of the one part that is all of the figure this year (财政拨款
    收入 9,066.79 万元，其中一般公共预算收入 9,066.79 万元，与上年相比增加498.72万元)."""


class Comparison(BaseModel):
    """A metric in two periods: two years' figures, or this year's budget against last year's
    execution (预算执行数)."""

    metric: str
    """How answers name the metric."""
    year: int
    base_year: int
    current: Value
    base: Value
    change: Value
    rate: Value | None = None
    source: Literal["tables", "narrative"]
    base_kind: str | None = None
    """The base year's kind when it differs from this year's (口径不同)."""
    stated_percent: Decimal | None = None
    """The rate of change as the narrative writes it."""
    flat_said: str | None = None
    """The narrative's words for no change (基本持平), where it states one."""
    said: Decimal | None = None
    """This year's figure as the narrative states it to fewer places, where the table prints
    it in 元 (11885万元 of 118,853,953元)."""
    narrative: "Comparison | None" = None
    """The narrative's own statement of the change, where it disagrees with the tables."""
    parts: list["Comparison"] = Field(default_factory=list)
    """The same comparison of the metric's parts (三公经费 → 公务接待费 …)."""


class ShareOf(BaseModel):
    part: Value
    whole: Value
    share: Value | None = None
    """None when the whole is zero."""
    stated: Value | None = None
    """The narrative's own percent for the part, where it is not the one the tables give
    (北京: 基本支出预算45980.56万元，占本年支出预算66.33%)."""
    base: Value | None = None
    """The whole's parts added up, where the stated percent is of them (基本支出 and 项目支出)."""
    left_out: Value | None = None
    """What the whole holds beyond that base (年末结转和结余 1776.86), named as the document
    prints it where it does."""
    written: Decimal | None = None
    """The narrative's percent where it states the share rounded (86.5% of 86.52%)."""
    stated_part: Value | None = None
    """The narrative's own amount of the part where its percent is of that amount and not of
    the tables' (杭州公安局: 人员支出250,110.65万元，占61.9%, where 人员经费 is 246,458.22)."""
    said: Stated | None = None
    """The narrative's amount of the part stating it to fewer places, where its table prints
    it in another unit (财政拨款收入 16,278,547元, 说明写作1,628万元)."""


class BudgetComparison(BaseModel):
    """决算数 against 预算数 of one metric, or, for a budget document, the budget against last
    year's execution."""

    metric: str
    actual: Value | None = None
    budget: Value | None = None
    completion: Value | None = None
    difference: Value | None = None
    completion_of: str = "预算"
    """What the completion rate is of: 预算, or the 年初预算 or 全年预算 the narrative names."""
    earlier: Value | None = None
    """The budget the narrative states before the one compared (年初预算 before 全年预算)."""
    earlier_of: str = "年初预算"
    execution: Comparison | None = None


class Executions(BaseModel):
    """The items a 决算 states a budget and a 决算 for, ranked as asked (by completion rate, or
    by the size of the gap; or only those spent beyond their budget)."""

    items: list[BudgetComparison]
    by: str
    order: str
    over_budget: bool = False


class Part(BaseModel):
    value: Value
    share: Value | None = None
    parts: list[Value] = Field(default_factory=list)
    """Its own parts (公务用车购置及运行费 → 购置费, 运行费)."""
    said: Stated | None = None
    """The narrative's amount stating it to fewer places, where its table prints it in
    another unit (公共安全支出8243万元 of 82,430,239元)."""


class Breakdown(BaseModel):
    whole: Value
    parts: list[Part]
    whole_said: Stated | None = None
    """The narrative's amount stating the whole to fewer places (收入预算7,072万元 of
    70,716,064元), as of a part."""
    instead_of: str | None = None
    """The whole asked, where the document prints it nowhere and this whole's parts tell the
    same (支出合计（按支出功能分类） → 一般公共预算财政拨款支出's classes)."""
    unbalanced: Decimal | None = None
    """The parts' sum, when it differs from the whole beyond rounding."""
    kinds: list[Part] = Field(default_factory=list)
    """Of a whole the catalogue divides (政府采购: 货物, 工程, 服务) and its parts the items its
    table lists (物业管理费保安服务 154.42): its division by kind, said first."""
    notes: list[str] = Field(default_factory=list)
    """The notes printed under the table listing the items (注：已剔除涉密部分), but those only
    describing the table: what may tell why the items fall short of the whole."""
    deepest: list[Value] = Field(default_factory=list)
    """Under the largest part, its largest line, that one's, and so on, where asked."""
    deepest_share: Value | None = None
    """The last of those lines' share of the whole (占全部项目支出的百分之几 after it)."""
    unlisted: bool = False
    """Items were asked and no table lists the whole by item: the parts are its lines instead
    (项目支出 by 功能分类 where no 项目支出表 names projects)."""
    through: list[Value] = Field(default_factory=list)
    """The lines between the whole and its parts, each all of the one above (城乡社区支出 →
    国有土地使用权出让收入安排的支出 → its 项): named before the parts."""
    stated: bool = False
    """The parts are those the narrative names after stating the line (主要包括：…), not a
    division of it: where they fall short of it, the rest is not named."""
    count: Value | None = None
    """How many parts it lists, where the question counts them (涉及几个功能大类)."""
    narrated: list[Value] = Field(default_factory=list)
    """The narrative's own division of the whole, where the tables divide it otherwise (深圳市
    民政局（本级）预算28,283.46万元，包括在职人员经费…、增人增资100.00万元、项目支出…): said
    after the tables' parts."""
    fund_undivided: str | None = None
    """The fund asked, whose tables print the line without its lines: the parts are of all
    funds (财政拨款里文化旅游体育与传媒支出哪三项, where only the 收支总表 is of 财政拨款)."""


class SumOf(BaseModel):
    """Figures of one document added up as asked: each part as printed, and their sum (None
    unless every part is printed, in one unit)."""

    parts: list[Value]
    total: Value | None = None
    missing: list[str] = []
    """Why each part not printed is missing (the tools' messages)."""


class Tally(BaseModel):
    """Whether parts add up to their whole as printed: the whole, each part, their sum and the
    sum's difference from the whole (None when a part is not printed or the units differ), and
    what may stand in the gap."""

    whole: Value
    parts: list[Value]
    total: Value | None = None
    difference: Value | None = None
    others: list[Value] = Field(default_factory=list)
    """The other parts the catalogue divides a whole of the parts named into, printed and not
    zero (年末结转和结余 beside 基本支出 and 项目支出)."""
    unread: list[str] = Field(default_factory=list)
    """The whole's parts in the catalogue that the document does not print as such."""
    missing: list[str] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)
    """The notes of the table listing the parts (Breakdown.notes)."""


class DifferenceOf(BaseModel):
    """Two figures of one document and how far apart they are (the first less the second)."""

    first: Value
    second: Value
    difference: Value | None = None
    """None when the two are printed in different units."""


class AverageOf(BaseModel):
    """An amount per one of what a count counts: both as printed, and the quotient (None when
    the count is zero)."""

    amount: Value
    count: Value
    average: Value | None = None


class Units(BaseModel):
    """The units a department's document prints rows of their own for (本级 and each unit
    under it), each with its total as its row prints it, largest first."""

    units: list[Value]
    count: Value | None = None
    """How many units are listed."""


class Ranking(BaseModel):
    metric: str
    year: int
    ranked: list[Value]
    """Best first; each value's ``rank`` is its place."""


class DepartmentComparison(BaseModel):
    metric: str
    figures: list[Value]
    """Largest first."""
    difference: Value | None = None
    """Between the two, when two are compared."""
    mixed_years: bool = False
    problems: list[str] = Field(default_factory=list)
    """Why a department has no figure (in Chinese)."""


class Contradicted(BaseModel):
    """A sentence of a passage that the consistency audit finds contradicting the tables."""

    quote: str
    message: str


class PassageFound(BaseModel):
    citation: int
    """Index into the result's citations."""
    section: str
    text: str
    score: float
    pages: list[tuple[int, int]] = Field(default_factory=list)
    """Where in the text (newlines removed) each page starts."""
    contradicted: list[Contradicted] = Field(default_factory=list)
    """The audit's findings against sentences of this passage."""
    position: int = 0
    """Its place among the chunks of the documents searched."""


class Passages(BaseModel):
    passages: list[PassageFound]
    explaining: list[PassageFound] = []
    """Passages explaining the parts a found one gives a change by (service/causes.py)."""
    instead_of: str | None = None
    """The kind asked, where the passages are the other kind's: the year has no document of
    the kind asked (a 决算 asked of a year only budgeted)."""


class Definition(BaseModel):
    term: str
    text: str
    citation: int


class Listed(BaseModel):
    name: str
    value: Decimal
    unit: str
    source: str


class Disclosed(BaseModel):
    """What one document discloses: the metrics it has figures for, and its tables."""

    document: DocumentEntry
    metrics: list[Listed]
    tables: list[str]


class Place(BaseModel):
    """One place a document prints an amount: a table's row and column, or a sentence of its
    narrative (``sentence``), with the amount as printed there (in the unit quoted)."""

    table: str | None = None
    row: str | None = None
    column: str | None = None
    sentence: str | None = None
    value: Decimal
    exact: bool
    """Printed as quoted; else the quote is this amount rounded to fewer places."""
    scope: str | None = None
    """The 口径 of the table's figures (全部资金, 财政拨款 …), where the catalogue knows it."""
    citation: int


class AmountPlaces(BaseModel):
    """Where a document prints an amount the user quotes; no place: nowhere."""

    quoted: Value
    places: list[Place]


class QuotedSum(BaseModel):
    """Quoted amounts asked whether they add up: the largest (the whole), the others added up,
    and how far apart the two are."""

    whole: Value
    total: Value
    gap: Value


class Located(BaseModel):
    """The amounts a question quotes, each with where its document prints it, and how far the
    first two are apart (when said in one unit)."""

    document: DocumentEntry
    amounts: list[AmountPlaces]
    gap: Value | None = None
    rounding: bool = False
    """The two are a cent or two apart: rounding (四舍五入)."""
    gap_places: list[Place] = Field(default_factory=list)
    """Otherwise where the document prints the gap itself (上年结转 4,023.45)."""
    funds: tuple[str, str] | None = None
    """Where the two amounts are a table of all funds' and a table of 财政拨款 only: those two
    tables' titles (the gap is money other than 财政拨款)."""
    summed: QuotedSum | None = None
    """Asked whether they add up: the quoted amounts other than the largest, added up."""
    left_out: list[Value] = Field(default_factory=list)
    """Then the money the narrower table leaves out, as the document prints it (其他收入,
    上年结转 …), where not nothing."""


class FindingEntry(BaseModel):
    rule: str
    title: str
    severity: str
    message: str
    citations: list[int]


class AuditFindings(BaseModel):
    document: DocumentEntry
    checked: list[str]
    """The titles of every rule checked."""
    findings: list[FindingEntry]
    others: int = 0
    """Asked about one figure: the findings that do not name it."""


Details = (
    Documents
    | FigureRead
    | TargetRead
    | Located
    | Absent
    | Comparison
    | ShareOf
    | SumOf
    | AverageOf
    | Units
    | BudgetComparison
    | Executions
    | Breakdown
    | Ranking
    | DepartmentComparison
    | Passages
    | Definition
    | Disclosed
    | AuditFindings
)
