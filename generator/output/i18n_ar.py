"""The Arabic message catalogue: each English message, as the templates and the generator write it (the message
id), and its Arabic. generator/output/i18n.py explains the mechanism; tests/test_i18n.py renders every page of both
editions, so a message missing here fails the tests, and one no longer used is reported too."""

from __future__ import annotations

_CONTRIBUTING = """\
تُكتب الأحداث في ملفات YAML، ملف لكل حدث في `events/<السنة>/<المعرّف>.yaml`، ويُتحقق منها بالأمر
`timeline check`. دليل المساهمين الكامل مكتوب بالإنجليزية (ملف CONTRIBUTING.md في مستودع المشروع، وصفحة
<bdi dir="ltr">Contributors' guide</bdi> في النسخة الإنجليزية): يشرح كل حقل بمثال، وكيف يُضاف حدث ويُفحص ويُعاين.

## النص العربي للحدث

يحمل كل حدث نصه العربي بجانب الإنجليزي، في الملف نفسه، في كتلة `ar` يتحقق منها المخطط نفسه:

    ar:
      title: "قسد تسيطر على السوسة"
      summary: >-
        أعلنت قوات سوريا الديمقراطية (قسد) سيطرتها على بلدة السوسة.
      confidence_note: >-
        تختلف المصادر في تاريخ السيطرة.
      review: unreviewed

- `title` و`summary` إلزاميان، و`confidence_note` فقط حين يكون للحدث `confidence_note` بالإنجليزية.
- `review`: القيمة `reviewed` حين راجع النص قارئ يتقن العربية مقابل الإنجليزية والمصادر، و`unreviewed` قبل
  ذلك. تعرض النسخة العربية الترجمة غير المراجعة مع تنبيه واضح ورابط لاقتراح تصحيح.
- يُكتب النص بالحروف العربية: يرفض `timeline check` نصاً في كتلة `ar` أغلب حروفه لاتينية (الرمز E120)،
  وملاحظة ثقة عربية بلا ملاحظة إنجليزية (E121). الأسماء اللاتينية والأرقام داخل النص العربي مقبولة، ويعزلها
  الموقع باتجاهها الصحيح.
- حيث يقتبس النص الإنجليزي مصدراً عربياً، يُقتبس الأصل العربي لا ترجمة عكسية عنه.
- الأرقام بالأرقام الغربية (0–9)، والأشهر بأسمائها الشامية (كانون الثاني، شباط، آذار …).
- لمعاينة النسخة العربية أثناء الكتابة: `make serve-ar` (على المنفذ 8001، بجانب `make serve` للنسخة الإنجليزية)؛
  تتحدّث الصفحات بعد كل حفظ للملف.

## الأسماء العربية للأماكن والأطراف

في سجلَّي `events/registry/places.yaml` و`events/registry/actors.yaml` يحمل الحقل `name_ar` الاسم العربي
الذي تؤكده مصادر المشروع، مع ذكر المصدر في تعليق. لا يُخترع اسم عربي: المكان الذي لا اسم عربياً مؤكداً له
يبقى باسمه اللاتيني في النسخة العربية.
"""

MESSAGES: dict[str, str] = {
    # The site and its feed
    "Jazeera Storm: a sourced timeline": "عاصفة الجزيرة: خط زمني موثّق",
    "A sourced, searchable timeline of the SDF's Jazeera Storm campaign against ISIS in Deir ez-Zor, Syria "
    "(September 2017 – March 2019). Every figure is an attributed claim.": "خط زمني موثّق وقابل للبحث لحملة "
    "عاصفة الجزيرة التي خاضتها قوات سوريا الديمقراطية ضد داعش في دير الزور، سوريا (أيلول 2017 – آذار 2019). "
    "كل رقم فيه ادعاء منسوب إلى قائله.",
    "{site} — latest events": "{site} — أحدث الأحداث",
    "The {n} latest events of the timeline by date, newest first.": (
        "آخر {n} حدثاً في الخط الزمني بحسب التاريخ، الأحدث أولاً."
    ),
    "Data: CC BY 4.0": "البيانات: CC BY 4.0",
    # Punctuation between items
    ", ": "، ",
    "; ": "؛ ",
    # Home
    "Jazeera Storm: the Deir ez-Zor campaign, 2017–2019": "عاصفة الجزيرة: حملة دير الزور، 2017–2019",
    "On 9 September 2017 the Deir ez-Zor Military Council announced *Jazeera Storm*, the offensive of the Syrian\n"
    "Democratic Forces (SDF), backed by the US-led coalition, against ISIS east of the Euphrates in Deir ez-Zor. It\n"
    "ended on 23 March 2019 when the SDF declared ISIS's territorial defeat at Baghuz.": "في 9 أيلول 2017 أعلن "
    "مجلس دير الزور العسكري *عاصفة الجزيرة*، هجوم قوات سوريا الديمقراطية (قسد)، بدعم من التحالف الدولي، على\n"
    "تنظيم داعش شرق الفرات في دير الزور. وانتهت الحملة في 23 آذار 2019 حين أعلنت قسد هزيمة داعش على الأرض في\n"
    "الباغوز.",
    "This timeline lists what happened, when, and who says so. Every event cites its sources; every casualty figure\n"
    "is a claim attributed to whoever made it; uncertain or disputed dates are shown as such.\n"
    "Read [how the timeline is made](about.md).": "يعرض هذا الخط الزمني ما جرى، ومتى، ومن يقول ذلك. لكل حدث "
    "مصادره؛ وكل رقم عن الضحايا\nادعاء منسوب إلى قائله؛ والتواريخ غير المؤكدة أو المتنازع عليها تُعرض على حالها.\n"
    "اقرأ [كيف يُصنع هذا الخط الزمني](about.md).",
    "In figures": "بالأرقام",
    "Computed from the data of this site:": "محسوبة من بيانات هذا الموقع:",
    "**{n}** events": "**{n}** حدثاً",
    ", from {first} to {last}": "، من {first} إلى {last}",
    "**{citations}** source citations, from **{publishers}** publishers": "**{citations}** استشهاداً بمصادر، من "
    "**{publishers}** ناشراً",
    "**{n}** attributed claims": "**{n}** ادعاءً منسوباً",
    "**{places}** places ({located} with verified coordinates), **{actors}** actors, **{phases}** phases": (
        "**{places}** مكاناً ({located} منها بإحداثيات متحقق منها)، و**{actors}** طرفاً، و**{phases}** مراحل"
    ),
    "**{disputed}** events whose facts or dates are disputed, **{imprecise}** whose day is not known": (
        "**{disputed}** حدثاً وقائعه أو تواريخه متنازع عليها، و**{imprecise}** لا يُعرف يومه"
    ),
    "Events per month": "الأحداث في كل شهر",
    "busiest first": "الأكثر أحداثاً أولاً",
    "Events by kind": "الأحداث بحسب النوع",
    "most frequent first": "الأكثر تكراراً أولاً",
    "No {what}.": "لا بيانات: {what}.",
    "Events per month, by the month each event starts in.": "الأحداث في كل شهر، بحسب الشهر الذي يبدأ فيه الحدث.",
    "Events per month as a table": "الأحداث في كل شهر في جدول",
    "Events by kind.": "الأحداث بحسب النوع.",
    "Events by kind as a table": "الأحداث بحسب النوع في جدول",
    "Month": "الشهر",
    "Events": "الأحداث",
    "Kind": "النوع",
    "Map": "الخريطة",
    "Places of the campaign with verified coordinates": "أماكن الحملة ذات الإحداثيات المتحقق منها",
    "River and border lines from Natural Earth (1:50m, public domain): positions along the river are schematic to "
    "within a few kilometres. Only places with verified coordinates are drawn.": "خطوط النهر والحدود من Natural "
    "Earth (مقياس 1:50m، ملكية عامة): المواقع على طول النهر تقريبية في حدود بضعة كيلومترات. لا تُرسم إلا "
    "الأماكن ذات الإحداثيات المتحقق منها.",
    "Not on the map, because their coordinates are not verified:": "ليست على الخريطة لأن إحداثياتها غير متحقق منها:",
    "Phases": "المراحل",
    "{n} events": "{n} حدثاً",
    "Latest events in the campaign": "آخر أحداث الحملة",
    "The whole timeline": "الخط الزمني كاملاً",
    # Timeline
    "Timeline": "الخط الزمني",
    "Every event of the campaign in date order, grouped by phase and month. Dates marked *c.* are approximate,\n"
    "*(uncertain)* are uncertain, and ranges give the period the sources place the event in. Figures are claims,\n"
    "attributed to whoever made them.": "كل أحداث الحملة بترتيب التاريخ، مجمّعة بحسب المرحلة والشهر. التواريخ "
    "المسبوقة بكلمة *نحو* تقريبية،\nوالموسومة *(غير مؤكد)* غير مؤكدة، والفترات («من … إلى …») تعطي المدة التي "
    "تضع المصادر الحدث فيها. والأرقام ادعاءات\nمنسوبة إلى قائليها.",
    "Part of the [timeline](index.md): events in date order, grouped by phase and month.": "جزء من [الخط "
    "الزمني](index.md): الأحداث بترتيب التاريخ، مجمّعة بحسب المرحلة والشهر.",
    "The campaign has {n} events, too many for one page: the timeline is split by phase\n"
    "and, where a phase is long, by month.": "في الحملة {n} حدثاً، أكثر مما تتسع له صفحة واحدة: الخط الزمني "
    "مقسّم بحسب المرحلة،\nوبحسب الشهر حيث تطول المرحلة.",
    "Page": "الصفحة",
    "From": "من",
    "To": "إلى",
    "Filter the timeline": "تصفية الخط الزمني",
    "{visible} of {n} events match the filters": "{visible} من {n} حدثاً تطابق عوامل التصفية",
    "Actor": "الطرف",
    "Place": "المكان",
    "Phase": "المرحلة",
    "Confidence": "درجة الثقة",
    "All": "الكل",
    "Clear filters": "مسح عوامل التصفية",
    "About this phase": "عن هذه المرحلة",
    "sources: {n}": "المصادر: {n}",
    "unreviewed translation": "ترجمة غير مراجعة",
    # Event
    "Confidence:": "درجة الثقة:",
    "Phase:": "المرحلة:",
    "Where:": "المكان:",
    "Date precision:": "دقة التاريخ:",
    "This event has no Arabic text yet: its title and summary are shown in English.": "لا نص عربياً لهذا الحدث "
    "بعد: عنوانه وملخصه معروضان بالإنجليزية.",
    "Offer a translation": "اقترح ترجمة",
    "Unreviewed translation: no fluent reader has checked this Arabic text against the English and the sources "
    "yet.": "ترجمة غير مراجعة: لم يراجع هذا النص العربي بعد قارئ يتقن العربية مقابل النص الإنجليزي والمصادر.",
    "Suggest a correction": "اقترح تصحيحاً",
    "To suggest a correction, see the end of this page.": "لاقتراح تصحيح، انظر آخر هذه الصفحة.",
    "Disputed": "متنازع عليه",
    "Uncertain": "غير مؤكد",
    "Claims": "الادعاءات",
    "Figures are claims, attributed to whoever made them; they are not checked facts.": "الأرقام ادعاءات منسوبة "
    "إلى قائليها، وليست حقائق متحققاً منها.",
    "Claim": "الادعاء",
    "Claimed by": "القائل",
    "Source": "المصدر",
    "Note": "ملاحظة",
    "Sources": "المصادر",
    "Civilian harm": "الأذى بالمدنيين",
    "Blamed: **not known**. The sources name no belligerent.": "المسؤول: **غير معروف**. لا تسمّي المصادر أي طرف.",
    "Blamed: **contested** between": "المسؤول: **متنازع عليه** بين",
    " and ": " و",
    "Blamed:": "المسؤول:",
    ", the suspected belligerent.": "، الطرف المشتبه به.",
    "Each grading is its grader's own assessment, attributed to them; it is not the site's verdict.": (
        "كل تقييم هو تقييم الجهة التي أصدرته، منسوب إليها؛ وليس حكم الموقع."
    ),
    "Grading": "التقييم",
    "Graded by": "الجهة المقيّمة",
    "Published": "تاريخ النشر",
    "read": "اقرأ",
    "archived copy": "نسخة مؤرشفة",
    "print or broadcast, no link": "مطبوع أو مذاع، بلا رابط",
    "Places": "الأماكن",
    "Actors": "الأطراف",
    "Also written:": "يُكتب أيضاً:",
    "Related events": "أحداث ذات صلة",
    "Before and after": "قبله وبعده",
    "Previous:": "السابق:",
    "Next:": "التالي:",
    "This event in the timeline": "هذا الحدث في الخط الزمني",
    "Tags:": "الوسوم:",
    "Cite this event": "استشهد بهذا الحدث",
    "Correct this event": "صحّح هذا الحدث",
    "Last updated:": "آخر تحديث:",
    # Correct this page
    "Correct this page": "صحّح هذه الصفحة",
    "This page is built from the file {path}.": "هذه الصفحة مبنية من الملف {path}.",
    "This page is built from the entry {entry} of the file {path}.": "هذه الصفحة مبنية من المدخل {entry} في الملف "
    "{path}.",
    "To correct it, [edit this file]({edit}) and open a pull request with your source, or [report a problem]"
    "({report}): the form opens with the id {id} filled in.": "لتصحيحها، [عدّل هذا الملف]({edit}) وافتح طلب دمج "
    "مع مصدرك، أو [أبلغ عن مشكلة]({report}): يُفتح النموذج والمعرّف {id} معبّأ فيه.",
    "To correct it, edit that file in the project's repository and open a pull request with your source, or "
    "report the error as described in [About: reporting an error]({about}).": "لتصحيحها، عدّل ذلك الملف في "
    "مستودع المشروع وافتح طلب دمج مع مصدرك، أو أبلغ عن الخطأ كما تشرح [صفحة عن الموقع]({about}).",
    "See the [contributors' guide]({guide}).": "انظر [دليل المساهمين]({guide}).",
    # Places, actors, phases
    "Every place named in the timeline, with the spellings readers meet in the sources. Places without verified\n"
    "coordinates are marked; they are never placed on a map by guesswork.": "كل مكان يرد في الخط الزمني، بالتهجئات "
    "التي يجدها القراء في المصادر. الأماكن التي لا إحداثيات متحقق منها لها\nموسومة بذلك؛ ولا توضع على خريطة "
    "بالتخمين.",
    "Latin spelling": "بالحروف اللاتينية",
    "Coordinates": "الإحداثيات",
    "verified": "متحقق منها",
    "unverified": "غير متحقق منها",
    "Administrative area:": "المنطقة الإدارية:",
    "Coordinates:": "الإحداثيات:",
    "; from": "؛ المصدر:",
    "Coordinates: not verified, so this place is not shown on the maps.": "الإحداثيات: غير متحقق منها، لذلك لا "
    "يظهر هذا المكان على الخرائط.",
    "Events here": "الأحداث هنا",
    "No events yet.": "لا أحداث بعد.",
    "Also known as": "يُعرف أيضاً باسم",
    "Part of": "جزء من",
    "Part of:": "جزء من:",
    "Includes:": "يضم:",
    "In the timeline": "في الخط الزمني",
    "{n} events, too many for one page. The timeline lists them month by month; each link opens it showing only "
    "this place's events.": "{n} حدثاً، أكثر مما تتسع له صفحة واحدة. يعرضها الخط الزمني شهراً شهراً؛ وكل رابط "
    "يفتحه على أحداث هذا المكان وحدها.",
    "{n} events, too many for one page. The timeline lists them month by month; each link opens it showing only "
    "this actor's events.": "{n} حدثاً، أكثر مما تتسع له صفحة واحدة. يعرضها الخط الزمني شهراً شهراً؛ وكل رابط "
    "يفتحه على أحداث هذا الطرف وحدها.",
    "{n} events, too many for one page. The timeline lists them month by month; each link opens it showing only "
    "this phase's events.": "{n} حدثاً، أكثر مما تتسع له صفحة واحدة. يعرضها الخط الزمني شهراً شهراً؛ وكل رابط "
    "يفتحه على أحداث هذه المرحلة وحدها.",
    # Maps (the key, the scale, the inset)
    "Map showing {names}.": "خريطة تُظهر: {names}.",
    "Map.": "خريطة.",
    "{name} is marked.": "المكان المعلَّم: {name}.",
    "Where {name} lies, with the other places of its events": "موقع {name}، مع الأماكن الأخرى لأحداثه",
    "{name} and the other places of its events. River and border lines from Natural Earth (1:50m, public domain), "
    "schematic to within a few kilometres.": "{name} والأماكن الأخرى لأحداثه. خطوط النهر والحدود من Natural Earth "
    "(مقياس 1:50m، ملكية عامة)، تقريبية في حدود بضعة كيلومترات.",
    " Farther away, off this map: {names}.": " وأبعد من ذلك، خارج هذه الخريطة: {names}.",
    "Inset: the Baghuz–Abu Kamal pocket": "خريطة مكبّرة: جيب الباغوز–البوكمال",
    "Map of the pocket, larger, showing {names}.": "خريطة الجيب مكبّرة، تُظهر: {names}.",
    "see inset": "انظر الخريطة المكبّرة",
    " Not labelled for lack of room (each dot names its place on hover): {names}.": " لم تُكتب أسماؤها لضيق "
    "المساحة (تظهر تسمية كل نقطة عند تمرير المؤشر فوقها): {names}.",
    "Map key": "مفتاح الخريطة",
    "place (links to its page)": "مكان (رابط إلى صفحته)",
    "Euphrates": "الفرات",
    "Syria–Iraq border": "الحدود السورية العراقية",
    "area of the inset": "منطقة الخريطة المكبّرة",
    "{n} km": "{n} كم",
    # Civilian harm (the home page's section, the page, its chart and its table)
    "{n} events harmed civilians or carry a claim about civilians killed, wounded or\n"
    "displaced: [civilian harm]({page}) lists them with who reports what, who is blamed and how\n"
    "each incident was graded.": "{n} حدثاً ألحق أذى بالمدنيين أو يحمل ادعاءً عن مدنيين قُتلوا أو جُرحوا أو\n"
    "نزحوا: تعرضها [صفحة الأذى بالمدنيين]({page}) مع من يقول ماذا، ومن يُحمَّل المسؤولية، وكيف\n"
    "قُيّمت كل حادثة.",
    "Every event of the timeline that harmed civilians or carries a claim about civilians: the events of kind\n"
    "*civilian harm*, and every other event with a figure about civilians, children or women (killed, wounded,\n"
    "displaced, abducted). {n} events are listed here; the timeline's\n"
    '"Civilian harm" filter shows the same ones.': "كل حدث في الخط الزمني ألحق أذى بالمدنيين أو يحمل ادعاءً "
    "عنهم: أحداث النوع\n*أذى بالمدنيين*، وكل حدث آخر فيه رقم عن مدنيين أو أطفال أو نساء (قتلى، جرحى،\n"
    "نازحون، مخطوفون). عدد الأحداث المعروضة هنا: {n}؛ ويعرض عامل تصفية الأذى بالمدنيين في الخط الزمني\n"
    "الأحداث نفسها.",
    "Figures are claims, attributed to whoever made them, and kept as the range they were given in. Who is blamed "
    "is\nwhat the sources say, and each grading is its grader's own assessment: the site gives no verdict of its "
    "own.": "الأرقام ادعاءات منسوبة إلى قائليها، وتُحفظ بالمدى الذي قيلت به. والمسؤول هو من تسمّيه\nالمصادر، "
    "وكل تقييم هو تقييم الجهة التي أصدرته: لا يصدر الموقع حكماً من عنده.",
    "Civilians reported killed, month by month": "المدنيون الذين أفادت التقارير بمقتلهم، شهراً بشهر",
    "Civilians reported killed: the largest claim each month": "المدنيون الذين أفادت التقارير بمقتلهم: أكبر "
    "ادعاء في كل شهر",
    "The largest single claim of civilians killed in each month, as the range it was claimed in: {claims}.": (
        "أكبر ادعاء منفرد بعدد المدنيين القتلى في كل شهر، بالمدى الذي قيل به: {claims}."
    ),
    "{month}: {figure}, claimed by {by} ({title})": "{month}: {figure}، بحسب {by} ({title})",
    "none": "لا شيء",
    "no figure": "لا رقم",
    "For each month, the largest single claim of civilians (or children or women among them) killed in one "
    "incident, as the range it was claimed in, with its claimant. Figures of different claimants or incidents are "
    "never added up: a sum would claim a precision no source gives. “Up to N” is drawn from 0 to N; “at least N” "
    "at N.": "لكل شهر، أكبر ادعاء منفرد بعدد المدنيين (أو الأطفال أو النساء منهم) الذين قُتلوا في حادثة واحدة، "
    "بالمدى الذي قيل به، مع قائله. لا تُجمع أبداً أرقام قائلين مختلفين أو حوادث مختلفة: فالمجموع يدّعي دقة لا "
    "يعطيها أي مصدر. يُرسم «حتى 100» من 0 إلى 100، و«ما لا يقل عن 100» عند 100.",
    "The same as a table, with every month's events and claims": "البيانات نفسها في جدول، مع أحداث كل شهر وادعاءاته",
    "Claims of civilians killed": "ادعاءات مقتل مدنيين",
    "Largest claim": "أكبر ادعاء",
    "{claim}, claimed by {by} ({event})": "{claim}، بحسب {by} ({event})",
    "The events": "الأحداث",
    "The event's page, with its sources": "صفحة الحدث، مع مصادره",
    "Blamed: no civilian-harm record; the claims below are the event's figures about civilians.": "المسؤول: لا "
    "سجل للأذى بالمدنيين؛ الادعاءات أدناه هي أرقام الحدث عن المدنيين.",
    "Gradings, by monitors and by the belligerents themselves:": "التقييمات، من جهات الرصد ومن الأطراف المتحاربة "
    "نفسها:",
    "Harm to civilians": "أذى بالمدنيين",
    # The timeline's overview and date filter
    "The campaign month by month": "الحملة شهراً بشهر",
    "Events per month, by group of kinds; each month links to its events in the timeline.": "الأحداث في كل شهر، "
    "بحسب مجموعات الأنواع؛ كل شهر رابط إلى أحداثه في الخط الزمني.",
    "Events per month by group of kinds; each month opens the timeline there.": "الأحداث في كل شهر بحسب مجموعات "
    "الأنواع؛ كل شهر يفتح الخط الزمني عنده.",
    "Events per month by group of kinds; each month opens the timeline page that lists it.": "الأحداث في كل شهر "
    "بحسب مجموعات الأنواع؛ كل شهر يفتح صفحة الخط الزمني التي تعرضه.",
    "{month}: {n} events": "{month}: {n} حدثاً",
    "Colours of the overview": "ألوان النظرة العامة",
    "Fighting": "القتال",
    "Strikes": "القصف",
    "Civilian harm and displacement": "الأذى بالمدنيين والنزوح",
    "Statements and estimates": "التصريحات والتقديرات",
    "Start": "البداية",
    "End": "النهاية",
    # The citation block and its files
    " Accessed: the date you read it.": " تاريخ الاطلاع: يوم قراءتك للصفحة.",
    " Accessed {date}.": " تاريخ الاطلاع: {date}.",
    "Copy the citation": "انسخ الاستشهاد",
    "Citation copied.": "نُسخ الاستشهاد.",
    "Copying failed: select the citation and copy it.": "تعذّر النسخ: حدّد نص الاستشهاد وانسخه.",
    "Download for a reference manager:": "نزّله لبرنامج إدارة المراجع:",
    "Event dated {date} (EDTF {edtf}); {n} sources": "تاريخ الحدث: {date} (EDTF {edtf})؛ المصادر: {n}",
    "{site}, event {id}": "{site}، الحدث {id}",
    # The theme's pieces the generator names (generator/engines/plugin.py)
    "Permanent link": "رابط دائم",
    # Search entries of the event pages (generator/output/search.py)
    "Sources: {publishers}": "المصادر: {publishers}",
    # Contributors
    "Error codes": "رموز الأخطاء",
    "`timeline check` reports each problem on one line: the file, the line and column, a code, what is wrong and "
    "how to fix it. The messages of the tool are in English, as below; the codes are the same in both editions.": (
        "يذكر `timeline check` كل مشكلة في سطر واحد: الملف، والسطر والعمود، ورمزاً، وما الخطأ وكيف يُصلح. رسائل "
        "الأداة بالإنجليزية، كما أدناه؛ والرموز نفسها في النسختين."
    ),
    "**Errors** (E) stop the build: nothing is generated until every one is fixed. **Warnings** (W) point at likely "
    "mistakes; the build goes on, and only `timeline check --strict` fails on them.": "**الأخطاء** (E) توقف "
    "البناء: لا يُولَّد شيء حتى تُصلح كلها. **التحذيرات** (W) تشير إلى أخطاء محتملة؛ يستمر البناء، ولا يفشل "
    "بسببها إلا `timeline check --strict`.",
    "The codes E120 and E121 concern the Arabic text of an event (the `ar` block): see the contributors' guide.": (
        "الرمزان E120 وE121 يخصان النص العربي للحدث (كتلة `ar`): انظر دليل المساهمين."
    ),
    "Errors": "الأخطاء",
    "Warnings": "التحذيرات",
    "Contributors' guide": "دليل المساهمين",
    "contributing.ar": _CONTRIBUTING,
}
