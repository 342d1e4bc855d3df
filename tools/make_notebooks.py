"""Write the four theme notebooks from one outline (parameters, check, findings, charts, table, sources).

Run `python tools/make_notebooks.py` after editing the outline below; the notebooks are
committed without outputs. Keeping the outline here keeps the four notebooks in one shape.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

OUT = Path(__file__).resolve().parents[1] / "notebooks"

COMMON_PARAMS = [
    'lang = "en"  # en | ko',
    "start_year = 2008  # first year shown: a year the data covers (see chinadigital.params)",
    "end_year = 2025  # last year shown: a year the data covers, not before start_year",
]


def md(en: str, ko: str) -> list:
    return [new_markdown_cell(en.strip(), metadata={"tags": ["lang-en"]}),
            new_markdown_cell(ko.strip(), metadata={"tags": ["lang-ko"]})]


def code(src: str, tags=()) -> object:
    cell = new_code_cell(src.strip())
    if tags:
        cell.metadata["tags"] = list(tags)
    return cell


def notebook(name: str, extra_params: list[str], call_args: str, body: list) -> nbformat.NotebookNode:
    params = "\n".join(COMMON_PARAMS + extra_params)
    check = f"""
import chinadigital as cd
from chinadigital.topics import {name} as topic

# Checks the parameters above and stops here, naming any bad value and the allowed ones.
rep = cd.Report("{name}", lang=lang, start_year=start_year, end_year=end_year{call_args})
rep.header()
"""
    cells = [code(params, ["parameters"]), code(check, ["check"])] + body + [code("rep.sources()", ["sources"])]
    nb = new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.metadata["language_info"] = {"name": "python"}
    return nb


def findings_cell():
    return code("rep.findings(topic.findings(rep))", ["findings"])


NOTEBOOKS = {
    "policy_timeline": notebook(
        "policy_timeline",
        ['themes = ["policy", "payments", "smart_cities", "cloud"]  # any of policy | payments | smart_cities | cloud'],
        ", themes=themes",
        md("""
This report lines up the dated steps of China's digital economy (national plans and laws, payment rules,
platform launches, smart-city and cloud milestones, and links with Korea) and sets them against how many
people went online and paid by phone. Every event and figure cites the document that states it; the numbers
in brackets point to the sources at the end.
""", """
이 보고서는 중국 디지털 경제의 주요 사건(국가 계획과 법률, 결제 규정, 플랫폼 출시, 스마트시티·클라우드의 이정표,
한국과의 연계)을 날짜순으로 정리하고, 인터넷과 모바일 결제 이용자 수의 변화와 나란히 보여 줍니다. 모든 사건과 수치는
이를 밝힌 문서를 인용하며, 대괄호 속 번호는 끝의 출처 목록을 가리킵니다.
""") + [findings_cell()] + md("""
## The timeline

Each lane is a theme and each mark an event, coloured by who acted. Drag to pan and scroll to zoom; hover a
mark for its date, actor, title and source. Policy and payment rules cluster in the middle of the 2010s, when
the central government moved from tolerating new payment methods to writing rules for them.
""", """
## 연표

주제마다 한 줄, 사건마다 하나의 표시이며 색은 주체를 나타냅니다. 끌어서 이동하고 스크롤해 확대할 수 있으며, 표시에
마우스를 올리면 날짜·주체·제목·출처가 보입니다. 정책과 결제 규정은 2010년대 중반에 몰려 있는데, 이때 중앙정부는
새 결제 수단을 묵인하던 단계에서 규칙을 만드는 단계로 넘어갔습니다.
""") + [code("topic.timeline(rep)")] + md("""
## Who acted, year by year

Counting events by kind of actor shows how the initiative shifted: companies launch first, the central
government follows with plans and rules, local governments (Hangzhou above all) turn the plans into services,
and foreign partners appear once the platforms go abroad.
""", """
## 해마다 누가 움직였나

주체 유형별로 사건을 세어 보면 주도권의 이동이 보입니다. 기업이 먼저 서비스를 내놓고, 중앙정부가 계획과 규칙으로
뒤따르며, 지방정부(특히 항저우)가 이를 행정 서비스로 옮기고, 플랫폼이 해외로 나가면서 외국 파트너가 등장합니다.
""") + [code("topic.per_year(rep)")] + md("""
## Policy against adoption

Dashed rules mark the events; the lines are internet users and mobile-payment users as CNNIC surveyed them.
Mobile payment had already passed two hundred million users before the Internet Plus plan of 2015, so the
plan followed adoption rather than starting it, and payment users kept climbing after it.
""", """
## 정책과 확산

점선은 사건, 선은 CNNIC 조사에 따른 인터넷 이용자와 모바일 결제 이용자입니다. 모바일 결제 이용자는 2015년
'인터넷 플러스' 계획 이전에 이미 2억 명을 넘었습니다. 계획은 확산을 시작시켰다기보다 뒤따랐고, 그 뒤에도
결제 이용자는 계속 늘었습니다.
""") + [code("topic.against_adoption(rep)")] + md("""
## Payment rules and payment value

The value of mobile payments handled by banks (People's Bank of China) next to the payment and policy events.
The order of things is the point: payment value was already large when the 2017 barcode rules came, and it
kept growing under them.
""", """
## 결제 규정과 결제 금액

은행이 처리한 모바일 결제 금액(중국인민은행)과 결제·정책 사건을 함께 보여 줍니다. 순서가 핵심입니다.
2017년 바코드 결제 규정이 나왔을 때 결제 금액은 이미 컸고, 규정 아래에서도 계속 늘었습니다.
""") + [code("topic.against_payment_value(rep)")] + md("""
## All events in the window
""", """
## 기간 내 전체 사건
""") + [code("topic.event_table(rep)")],
    ),
    "mobile_payments": notebook(
        "mobile_payments",
        ['currency = "CNY"  # CNY | USD | KRW'],
        ", currency=currency",
        md("""
How China went online by phone and then paid by phone: users from CNNIC's twice-yearly surveys, Weixin's
monthly active users from Tencent's results, payment values from the People's Bank of China, and the
comparison points abroad that the sources give. Money is shown in the report's currency, converted at yearly
average rates that are cited like every other figure.
""", """
중국이 휴대전화로 인터넷에 접속하고 이어 휴대전화로 결제하게 된 과정입니다. 이용자 수는 CNNIC의 반기 조사,
웨이신 월간 활성 이용자는 텐센트 실적 발표, 결제 금액은 중국인민은행 자료이며, 출처가 제시하는 해외 비교 수치도
함께 봅니다. 금액은 보고서 통화로 표시하며, 다른 수치처럼 출처가 있는 연평균 환율로 환산합니다.
""") + [findings_cell()] + md("""
## Online, and online by phone

The gap between the two lines closes: by the early 2020s nearly everyone online in China also went online by
phone. Diamonds are figures from other sources for the same measure, drawn beside the survey line rather than on it.
""", """
## 인터넷 이용과 모바일 인터넷 이용

두 선의 간격이 좁혀집니다. 2020년대 초에는 중국의 인터넷 이용자 거의 전부가 휴대전화로도 접속했습니다. 마름모는
같은 지표에 대한 다른 출처의 수치로, 조사 선 위가 아니라 옆에 표시했습니다.
""") + [code("topic.users(rep)")] + md("""
## Shares: going online and paying by phone

Both shares are computed here from the user counts of the same survey, not copied from the sources; where a
source states a share itself, the dataset's validation checks it against these parts.
""", """
## 비중: 모바일 접속과 모바일 결제

두 비중 모두 같은 조사의 이용자 수로 여기서 계산한 값이며 출처에서 옮긴 것이 아닙니다. 출처가 비중을 직접 밝힌
경우에는 데이터 검증이 그 값을 이 구성 요소와 대조합니다.
""") + [code("topic.shares(rep)")] + md("""
## Paying by phone

Mobile payment users as CNNIC counted them until it folded them into online payment in 2021; the series
stops there rather than being extended with a different measure. Hollow marks are bounds given by the press.
""", """
## 휴대전화 결제

CNNIC가 2021년 온라인 결제로 통합하기 전까지 집계한 모바일 결제 이용자입니다. 다른 지표로 이어 붙이지 않고
그 시점에서 멈춥니다. 속이 빈 표시는 언론이 제시한 하한값입니다.
""") + [code("topic.payment_users(rep)")] + md("""
## Weixin and WeChat

Tencent's combined monthly active accounts, from its quarterly results. Growth slows as the platform nears
the size of China's online population.
""", """
## 웨이신과 위챗

텐센트 분기 실적의 합산 월간 활성 계정입니다. 중국 인터넷 인구 규모에 가까워지면서 증가세가 둔화됩니다.
""") + [code("topic.weixin(rep)")] + md("""
## Growth, year on year

Change on the previous year-end value; only exact figures one year apart are compared. Payment users grew
fastest in the years of the QR-code boom, while the growth of internet users slowed over time.
""", """
## 전년 대비 증가율

직전 연말 값 대비 변화이며, 1년 간격의 정확한 수치끼리만 비교합니다. QR코드 결제가 확산되던 시기에 결제
이용자가 가장 빠르게 늘었고, 인터넷 이용자 증가율은 시간이 갈수록 낮아졌습니다.
""") + [code("topic.growth(rep)")] + md("""
## Value of mobile payments

Yearly value of mobile payments handled by banks. Years without a cited exchange rate are left out of a
converted chart, and the footer says so.
""", """
## 모바일 결제 금액

은행이 처리한 연간 모바일 결제 금액입니다. 인용 가능한 환율이 없는 연도는 환산 차트에서 빠지며 하단 주석에 표시됩니다.
""") + [code("topic.payment_value(rep)")] + md("""
## China and the United States

The seed column's 2016 comparison of mobile shopping markets: both figures are approximate ('around'), so
both bars are hollow.
""", """
## 중국과 미국

2016년 모바일 쇼핑 시장 비교(원 칼럼)입니다. 두 수치 모두 근사치('~선')이므로 막대를 비워 표시했습니다.
""") + [code("topic.comparison(rep)")] + md("""
## Compound growth over the window
""", """
## 기간 중 연평균 복합 증가율
""") + [code("topic.summary_table(rep)")],
    ),
    "smart_cities": notebook(
        "smart_cities",
        ['city = "hangzhou"  # a city with data: hangzhou | shanghai | kuala_lumpur'],
        ", city=city",
        md("""
A city-level view of China's smart-city push: what the city reports about its digital economy and
e-government, how its traffic ranking moved once Hangzhou's City Brain arrived, how many public services a
resident can finish on a phone compared with other cities, and where the model has been tried abroad.
""", """
중국 스마트시티 정책을 도시 단위로 봅니다. 도시가 밝힌 디지털 경제와 전자정부 지표, 항저우 시티브레인 도입
전후의 교통 혼잡 순위 변화, 다른 도시와 비교한 휴대전화 행정 서비스 수, 그리고 해외 적용 사례입니다.
""") + [findings_cell()] + md("""
## Headline figures

Counts the city has published, on a log scale because they run from dozens of departments to billions of
data items. Dashed, hollow bars are bounds ('over', 'nearly').
""", """
## 주요 지표

도시가 발표한 수치로, 부서 수십 개부터 데이터 수백억 건까지 차이가 커서 로그 눈금을 썼습니다. 점선의 빈 막대는
하한·근사치('이상', '거의')입니다.
""") + [code("topic.headline(rep)")] + md("""
## Traffic before and after City Brain

Rank in the published lists of China's most congested cities, the last ranking before City Brain was unveiled
(October 2016) against the latest after it. Lists differ in how many cities they cover, so a rank is a
position, not a measure of delay.
""", """
## 시티브레인 전후의 교통

중국 혼잡 도시 순위에서 시티브레인 공개(2016년 10월) 직전의 마지막 순위와 이후 최신 순위를 비교합니다. 목록마다
포함 도시 수가 달라 순위는 위치일 뿐 지체 시간의 척도는 아닙니다.
""") + [code("topic.congestion_slope(rep)")] + md("""
## The ranking lists over time

The city beside the cities most often ranked with it; rank 1 is at the top.
""", """
## 순위 목록의 변화

해당 도시와 함께 자주 순위에 오른 도시들입니다. 1위가 맨 위입니다.
""") + [code("topic.congestion_over_time(rep)")] + md("""
## Government services by phone

Shanghai offered a handful of services through Weixin in 2015; Hangzhou reported many times as many by 2018
under its 'at most one trip' reform.
""", """
## 휴대전화 행정 서비스

상하이는 2015년 웨이신으로 몇 가지 업무를 제공했고, 항저우는 '최대 한 번' 개혁으로 2018년 그 몇 배에 이르는
업무를 보고했습니다.
""") + [code("topic.services(rep)")] + md("""
## Milestones

City Brain and e-government steps, from the national smart-city pilots of 2012-2013 to the Asian Games.
""", """
## 주요 사건

2012~2013년 국가 스마트시티 시범 사업부터 아시안게임까지, 시티브레인과 전자정부의 발자취입니다.
""") + [code("topic.milestones(rep)")] + md("""
## Abroad

The one result abroad the sources report with a number: Kuala Lumpur's test of City Brain priority for
emergency vehicles.
""", """
## 해외 적용

출처가 수치로 밝힌 유일한 해외 결과로, 쿠알라룸푸르의 긴급차량 우선 신호 시험입니다.
""") + [code("topic.abroad(rep)")] + md("""
## The city's figures
""", """
## 도시 지표 표
""") + [code("topic.headline_table(rep)")],
    ),
    "cloud_scale": notebook(
        "cloud_scale",
        ['currency = "CNY"  # CNY | USD | KRW'],
        ", currency=currency",
        md("""
The scale of China's cloud: Tencent's infrastructure and patents as stated at its 2019 ecosystem summit, the
cloud revenues of Alibaba and Tencent against the national market, market shares, and Tencent's market
value. Bounds stay bounds: 'over a million servers' is drawn as a floor, not a count.
""", """
중국 클라우드의 규모입니다. 2019년 생태계 서밋에서 밝힌 텐센트의 인프라와 특허, 알리바바·텐센트의 클라우드 매출과
전체 시장, 시장 점유율, 텐센트의 시가총액을 봅니다. '서버 100만 대 이상'은 개수가 아니라 하한으로 그립니다.
""") + [findings_cell()] + md("""
## Infrastructure

Servers and peak bandwidth differ by four orders of magnitude, hence the log scale; both are lower bounds.
""", """
## 인프라

서버 수와 최대 대역폭은 자릿수가 네 단계나 달라 로그 눈금을 썼고, 둘 다 하한값입니다.
""") + [code("topic.infrastructure(rep)")] + md("""
## Patents

Fewer than half of Tencent's cloud patent applications had been granted when it spoke.
""", """
## 특허

발표 당시 텐센트 클라우드 특허 출원 가운데 등록된 것은 절반에 못 미쳤습니다.
""") + [code("topic.patents(rep)")] + md("""
## Revenues and the market

Whole-year figures only (Alibaba's fiscal years end in March); quarters are left out so that like is compared
with like. A log scale keeps a company's revenue and the national market readable on one chart.
""", """
## 매출과 시장

연간 수치만 사용했습니다(알리바바 회계연도는 3월 결산). 분기 수치는 비교 기준이 달라 제외했습니다. 로그 눈금으로
기업 매출과 전체 시장을 한 차트에서 읽을 수 있게 했습니다.
""") + [code("topic.revenue(rep)")] + md("""
## Market shares

Analysts' shares of cloud infrastructure spending in China (the note on each figure names the analyst and
the market measured).
""", """
## 시장 점유율

중국 클라우드 인프라 지출에서 차지하는 비중(각 수치의 주석에 분석 기관과 시장 정의를 적었습니다)입니다.
""") + [code("topic.market_share(rep)")] + md("""
## Market value

Tencent's market capitalisation at the Gyeonggi delegation's visit, as the source stated it in won and in
dollars.
""", """
## 시가총액

경기도 대표단 방문 당시 텐센트 시가총액을 출처가 밝힌 원화와 달러로 보여 줍니다.
""") + [code("topic.market_cap(rep)")] + md("""
## Cloud revenue table
""", """
## 클라우드 매출 표
""") + [code("topic.revenue_table(rep)")],
    ),
}


def main() -> None:
    OUT.mkdir(exist_ok=True)
    for name, nb in NOTEBOOKS.items():
        nbformat.validate(nb)
        path = OUT / f"{name}.ipynb"
        nbformat.write(nb, path)
        print("wrote", path)


if __name__ == "__main__":
    main()
