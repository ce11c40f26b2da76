"""Word lists the extraction rules read: units, qualifiers, verbs, fillers, nouns.

Pure data (tuples and frozensets of Chinese words) shared by ``numbers.py``
(which numbers count) and ``attribute.py`` (what they count). Keeping the
language knowledge here lets a rule change be a one-word edit.
"""
from __future__ import annotations

# ---------------------------------------------------------------- units
# Counting words, longest first where one is a prefix of another. A unit may
# carry a negative look-ahead of characters that turn it into another word
# (人民, 条例, 天津 ...): the number before such a word is not a count.
COUNT_UNITS: tuple[tuple[str, str], ...] = (
    ("个百分点", ""), ("百分点", ""),
    ("个工作日", ""), ("工作日", ""), ("个小时", ""), ("小时", "(?!制)"), ("分钟", ""), ("个月", ""),
    ("人次", ""), ("件次", ""), ("场次", ""), ("户次", ""), ("家次", ""), ("批次", ""), ("课时", ""), ("学时", ""),
    ("平方米", ""), ("公里", ""),
    ("个", "(?!别|体|性|案(?!件)|例)"), ("件", "(?!事)"),
    ("起", "(?!草|到|来|点|步|始|航|跑|止|算|见|源|码)"),
    ("人", "(?!民|大|员|才|口|社|身|工|力|均|数|士|群|心|格|文|事|类|情|选|脸|行|次)"),
    ("名", "(?!单(?!位)|称|录|义|额|誉|牌|片|校|师|优|列|次)"),
    ("次", "(?!日|年|月|要|序|级|生)"),
    ("场", "(?!所|地|景|馆|站|合|域|次|面)"),
    ("条", "(?!例|件|款|线|块|理|目|约|形|幅|码)"),
    ("项", "(?!目)"),
    ("份", "(?!额|子)"),
    ("家", "(?!庭|长|属|园|具|政|风|乡|门|居|族|中|里|用|电|次|子)"),
    ("户", "(?!外|籍|口|型|次|头|主)"),
    ("支", "(?!部|队|持|付|出|撑|援|柱|行)"),
    ("类", "(?!似|别|型)"),
    ("篇", "(?!章|幅)"),
    ("期", "(?!间|限|满|内|末|初|望|待|刊|货)"),
    ("天", "(?!津|然|网|平|下|气|地|空|府)"),
    ("元", "(?!旦|素|宵|年|首|件)"),
    ("宗", "(?!旨|教)"), ("位", "(?!列|居|于|次|置|数)"), ("所", "(?!属|有|在|以|谓|得|长)"),
    ("批", "(?!准|复|示|评|发|次|量|判)"), ("处", "(?!理|置|罚|室|长|级|分|于|在)"),
    ("座", "(?!谈)"), ("套", "(?!餐)"), ("本", "(?!地|级|单|市|区|县|年|次|身|着|部|人)"),
    ("册", ""), ("卷", "(?!宗)"), ("部", "(?!门|署|分|长|队|委|位|级|际|属|件|落)"),
    ("台", "(?!账|风|阶|湾)"), ("辆", ""), ("艘", ""), ("吨", ""), ("亩", ""),
    ("张", "(?!贴|挂|榜)"), ("封", "(?!存|闭)"), ("轮", "(?!训|值|岗|换|流)"),
    ("单", "(?!位|元|独|一|据|行)"), ("例", "(?!如)"), ("笔", "(?!录)"),
    ("幅", "(?!度|员)"), ("票", "(?!据|证|价|务|选)"),
    ("倍", ""), ("%", ""),
)
CN_DIGITS_SET: frozenset[str] = frozenset("零〇一二两三四五六七八九")
# Chinese numerals take only the ordinary measure words: with 本/张/台/所/处 and
# the like they mostly form names (一本通, 一张网, 一台账).
CN_UNITS: frozenset[str] = frozenset("个 件 起 人 名 次 场 条 项 份 家 户 支 类 篇 期 部 天 元 宗 位 批 轮 卷 "
                     "人次 场次 个工作日 工作日 个小时 小时 分钟 个月 倍 个百分点 百分点".split())
PERSON_UNITS: frozenset[str] = frozenset("人 名 人次 位 户次".split())
# Heads of noun phrases naming people (参训人员, 考试人数, 旁听干部).
PERSON_NOUNS: tuple[str, ...] = ("人员", "人数", "干部", "学员", "考生", "同志", "职工", "群众", "代表")
DURATION_UNITS: frozenset[str] = frozenset("天 个工作日 工作日 个小时 小时 分钟 个月 年".split())   # 年: only streaks (连续三年)
# Units normalised when reporting: everything else is kept as written.
UNIT_RENAME: dict[str, str] = {"个百分点": "百分点", "个小时": "小时"}

# ---------------------------------------------------------------- qualifiers
# Before the number (closest first when scanning backwards).
PREFIX_QUALIFIERS: tuple[tuple[str, str], ...] = (
    ("不少于", "at_least"), ("不低于", "at_least"), ("超过", "at_least"), ("多于", "at_least"),
    ("高于", "at_least"), ("至少", "at_least"), ("最少", "at_least"), ("逾", "at_least"), ("超", "at_least"),
    ("不超过", "at_most"), ("不高于", "at_most"), ("不到", "at_most"), ("不足", "at_most"),
    ("少于", "at_most"), ("低于", "at_most"), ("最多", "at_most"), ("将近", "at_most"), ("接近", "at_most"),
    ("近", "at_most"),
    ("大约", "approx"), ("约", "approx"), ("大概", "approx"),
)
# After the number and unit; part of the span.
SUFFIX_QUALIFIERS: dict[str, str] = {"以上": "at_least", "余": "at_least", "多": "at_least",
                     "以下": "at_most", "以内": "at_most", "之内": "at_most", "内": "at_most",
                     "左右": "approx", "上下": "approx"}

# ---------------------------------------------------------------- not facts
# Political slogans built on a Chinese numeral and a measure word ("两个维护",
# "八项规定"): the noun after the measure word marks them.
SLOGAN_NOUNS: tuple[str, ...] = ("确立", "维护", "意识", "自信", "全面", "规定", "制度", "形态", "亲自", "坚持",
                "着力", "清单", "务必", "服务", "代表", "不", "没有", "转变", "统筹", "最", "有利于",
                "必须", "敢于", "倡导", "大局", "原则", "面向", "体系", "作风")
# Characters before a numeral that make it an ordinal or part of a word.
ORDINAL_BEFORE: frozenset[str] = frozenset("第每逐")
# Before any Chinese numeral: 其二, 这三, 另两, 几十 …
CN_WORD_BEFORE: frozenset[str] = frozenset("之其某这那哪几另万千百十零")
# Before 一 only, where they form a word (统一, 唯一, 进一步, 同一, 三考合一, 查一查 …);
# before other numerals they end a word that a count follows (排查九十二次, 合同五件).
CN_WORD_BEFORE_ONE: frozenset[str] = frozenset("统唯进同单首初专任跑查合抓")

# ---------------------------------------------------------------- verbs
# Verbs that name the stage of work a number counts, by theme. The scan takes
# the longest word where several fit (排查出 over 排查, 审议通过 over 审议).
ACTION_VERBS: tuple[str, ...] = tuple(dict.fromkeys((
    # handling cases, applications and disputes
    "受理 不予受理 收到 接收 新收 接到 收悉 受案 收案 立案 承办 办理 办结 审结 结案 答复 回复 转办 交办 督办 "
    "分流 派发 转派 分派 派单 流转 签收 转交 纠错 撤销 变更 确认违法 驳回 维持 终止 调解 调处 化解 "
    "化解了 排查 排查出 解决 处理 处置 回应 解答 回访 撤回 赔偿 追回 挽回 收缴 没收 "
    # documents and decisions
    "公开 不予公开 公示 公布 发布 审核 审查 备案 报送 上报 报请 清理 废止 修订 修改 修订完善 制修订 "
    "出台 制定 制发 印发 下发 编制 编修 编写 起草 审议 审议通过 听取 征求 论证 评估 出具 提出 作出 "
    "下达 发出 开具 签订 签署 核发 颁发 审批 认定 认领 申报 减免 取消 下放 承接 精简 撤并 初审 复审 保留 "
    # enforcement and supervision
    "检查 抽查 巡查 核查 评查 自查 检测 抽检 督察 督查 考核 查找 查处 查办 移送 整治 整改 发现 约谈 "
    "问责 通报 监督 督促 指导 出动 "
    # people and training
    "培训 轮训 受训 参加 参与 参训 参考 参学 旁听 学习 集中学习 研讨 观看 宣讲 讲授 邀请 招录 招聘 "
    "录用 聘请 聘任 聘用 选派 派出 指派 配备 增补 充实 调配 扩充 吸纳 引进 培养 培育 表彰 评选 评审 "
    "命名 授予 选录 履职 参审 "
    # organising and building
    "开展 组织 召开 举办 举行 进行 实施 推进 加强 深化 推出 上线 建立 建成 创建 设立 设置 成立 组建 新设 挂牌 新建 "
    "改建 建设 打造 形成 完善 健全 优化 更新 开发 推广 整合 汇聚 归集 录入 上传 接入 入驻 进驻 "
    "覆盖 完成 推动 带动 帮助 引导 引入 统筹 协调 落实 确定 调整 梳理 征集 收集 走访 接待 接听 "
    "服务 提供 提交 新增 补充 减少 压缩 发放 惠及 帮扶 救助 办好 赴 "
    # publicity
    "发送 推送 制作 张贴 悬挂 播放 刊发 印制 编印 录制"
).split()))
# Stage verbs: the steps of handling work that a number can count by (SCHEMA's
# action). After a light verb (开展隐患排查, 完成…合法性审查) they are the action.
STAGE_VERBS: frozenset[str] = frozenset(
    "受理 办结 审结 结案 纠错 调解 调处 化解 排查 公开 答复 审核 审查 备案 清理 废止 检查 抽查 评查 巡查 "
    "核查 培训 轮训 处置 整改 查处 办理 出具 审批 登记 认定 督查 督察 监测 检测 抽检 回访".split())
# Verbs a part of a total may open with (其中维持…、撤销…，驳回…). Any other action
# verb opening a clause after a 其中 list (…，出具法律意见书39件) starts a new
# statement: the list has ended.
PART_VERBS: frozenset[str] = frozenset(
    "维持 撤销 变更 确认违法 驳回 终止 纠错 调解 调处 撤回 和解 不予受理 受理 办结 审结 结案 化解 解决 "
    "处理 处置 答复 回复 公开 不予公开 收到 接收 新收".split())
# Verbs that only frame another verb ("开展纠纷排查2万次": 排查 is the stage).
LIGHT_VERBS: frozenset[str] = frozenset("开展 进行 组织 完成 实现 推进 推动 加强 持续 做好 深化 坚持 落实 带动 "
                        "引导 督促 指导 帮助 协调 累计 全面 深入".split())
# Verbs that also modify a noun (审核意见, 调解组织, 整治方案): before one of the
# NOUN_AFTER_VERB heads they are part of the noun, not the stage of work.
MODIFIER_VERBS: frozenset[str] = frozenset(
    "审核 审查 调解 调处 整治 整改 宣讲 培训 考核 检查 评估 督查 督察 巡查 服务 审批 处置 学习 研讨 "
    "监督 回访 征求 办理 执法 评查 抽查 公开 排查 化解 备案 清理 发布 受理 办结 答复 举办 认定 核查 "
    "处理 协调 接待 推广 宣传 编制 培养 建设 开发 上传 检测 回复 统筹 查处 查办 评审 评选 管理 "
    "参训 参加 参与 参考 参学".split())
NOUN_AFTER_VERB: tuple[str, ...] = ("意见", "组织", "委员会", "员", "材料", "活动", "会", "方案", "措施", "细则", "事项",
                   "机构", "中心", "站", "平台", "制度", "机制", "率", "班", "小组", "系统", "时长",
                   "时限", "时间", "工作", "人员", "人数", "队伍", "专题", "课题", "案例",
                   "标准", "办法", "对象", "主体", "网点",
                   "窗口", "基地", "阵地", "场所", "比例", "成功率", "文书", "报告", "经费", "金额",
                   "资金", "环节", "领域", "程序", "证", "书", "稿", "类", "对接会", "协调会", "会议",
                   "联席会议", "纪录片", "课程")
# Noun compounds that contain a verb but never act as one.
NOUN_COMPOUNDS: tuple[str, ...] = ("依申请公开", "信息公开", "政务公开", "行政复议", "行政诉讼", "行政应诉", "出庭应诉",
                  "行政处罚", "行政检查", "执法检查", "合法性审核", "合法性审查", "公平竞争审查",
                  "备案审查", "人民调解", "行政调解", "司法调解", "矛盾纠纷", "政务服务", "法律服务",
                  "公共服务", "便民服务", "审批服务", "法律援助", "法律顾问", "公职律师", "网上办",
                  "政府信息", "监督员", "调解员", "管理员", "网格员", "监督检查", "服务事项", "一网通办",
                  "政府信息公开", "信息公开申请", "调解组织", "社会组织", "党组织", "基层组织", "自治组织",
                  "经济组织", "群团组织", "执法人员", "工作人员", "审核意见", "法律意见", "审查意见",
                  "处置方案", "整改措施", "整治措施", "宣传活动", "宣讲活动", "即办件", "承诺件", "办件量",
                  "参训人员", "参考人员", "参学人员", "参加人员", "参与人员", "参赛人员", "参演人员")
# Verbs and adverbs that end a noun phrase written after a number
# ("45项事项[实现]…", "15个社区[均]已…"); single characters only where they
# rarely sit inside a noun.
PREDICATE_STOPS: tuple[str, ...] = tuple((
    "实现 进行 开展 参加 参与 参训 旁听 接受 完成 上线 落实 均 都 已 已经 全部 获得 入选 覆盖 达到 "
    "纳入 制定 推动 被 通过 存在 造成 导致 引起 引发 涉及 实行 按照 进驻 入驻 建立 设立 开设 配备 "
    "签订 作出 予以 给予 提供 出具 列入 位居 排名 共计 合计 累计 同比 分别 包括 涵盖 来自 并 "
    "以及 及时 按时 依法 有序 顺利 正式 准确 运行 投入 得到 获评 荣获 正在 仍在 尚在 已于 尚未 仍需"
).split())
# ---------------------------------------------------------------- fillers
# Words around a subject that add no meaning to it.
LEADING_FILLERS: tuple[str, ...] = (
    "截至目前", "截至年底", "截至", "年初以来", "今年以来", "本年度", "本年", "今年", "全年", "年内",
    "当年", "目前", "当前", "已经", "共计", "合计", "总计", "累计", "全区", "全市", "全县",
    "全省", "全镇", "全街", "全旗", "我街", "我区", "我市", "我县", "我镇", "我办", "我局", "我委",
    "辖区内", "辖区", "其中", "其他", "其余", "另有", "另外", "此外", "同时",
    "各类", "各项", "各级各类", "各级", "各种", "相关", "有关", "现场",
    "一年来", "近年来", "先后", "分别", "持续", "积极", "切实", "有效", "以及", "达到", "总数",
    "数量", "总量", "超过", "高达", "多达", "现有", "共有", "拥有", "平均", "到位", "完毕", "完成",
)
# Single characters dropped before a subject, unless the next character makes
# them a word (及时, 共享, 和谐, 都市): character -> those next characters.
LEADING_PARTICLES: dict[str, str] = {"并": "购联", "均": "衡等", "都": "市", "的": "确", "还": "款原", "已": "",
                     "共": "享同建治性产识", "和": "谐解", "及": "时早", "等": "级"}
# Adverbs dropped before a subject unless they name a rate (成功调解 vs 成功率).
ADVERB_FILLERS: tuple[str, ...] = ("成功", "主动", "及时", "依法", "按时", "按期", "有效", "切实")
TRAILING_FILLERS: tuple[str, ...] = (
    "共计", "共", "合计", "总计", "累计", "达到", "达", "为", "计", "约", "近", "超过", "逾", "高达", "多达",
    "总数", "数量", "总量", "分别", "均", "都", "已", "了", "的", "等", "和", "及", "与", "以及", "有",
    "是", "仅", "总额", "累计达", "保持在", "保持", "稳定在", "始终", "全部", "各类", "各项",
    "增至", "增加至", "增加到", "增长至", "增长到", "扩大到", "扩大至", "提高到", "提高至", "提升到",
    "提升至", "达至", "至", "到", "平均", "现有", "共有", "拥有", "控制在", "限定在", "缩短在", "压缩在",
    "缩短至", "压缩至", "降至", "降低至", "减少至", "减至", "由", "从",
)
# Adverbs between an agent and its verb (公职律师[新增]26人, 权责清单[动态]调整).
PRE_VERB_ADVERBS: tuple[str, ...] = ("新", "共", "已", "累计", "全部", "依法", "主动", "成功", "有效", "及时", "先后",
                    "又", "再", "还", "均", "都", "分别", "共计", "合计", "全年", "年内", "动态", "集中",
                    "妥善", "依规", "按时", "按期", "统一", "逐步", "大力", "全面")
PREPOSITIONS: str = "对向将把就在从被由经给为"
# Words directly before a number that end a clause's subject, not begin one.
FUNCTION_TAILS: tuple[str, ...] = ("以及", "和", "及", "与", "、", "的", "对", "向", "将", "把", "从", "就", "等", "或",
                  "涉及", "包括", "其中", "覆盖")

# Nouns that name a side of something else and take its name (在编人员 of a
# 执法大队, 涉及金额 of mediated cases): the subject before them is prefixed.
RELATIONAL_NOUNS: tuple[str, ...] = ("涉及金额", "涉案金额", "标的额", "总金额", "金额", "在编人员", "编制", "人数")
# Things a rate can be about; a list of rates shares the first one's
# (规范性文件合法性审查率、备案率 -> 规范性文件备案率).
DOMAIN_HEADS: tuple[str, ...] = ("文件", "案件", "事项", "信息", "申请", "建议", "提案", "考试", "纠纷", "工单", "诉讼", "复议",
                "决策", "合同", "清单")

# ---------------------------------------------------------------- kinds
RATE_WORDS: tuple[str, ...] = ("率", "比例", "比率", "占比", "比重", "满意度", "知晓度", "覆盖面", "参与度", "知晓率")
CHANGE_UP: tuple[str, ...] = ("增长", "增加", "上升", "提高", "提升", "增幅", "增多", "多出", "上涨", "扩大", "增")
CHANGE_DOWN: tuple[str, ...] = ("下降", "减少", "降低", "下滑", "回落", "降幅", "减幅", "缩减", "压减", "压缩", "缩短",
               "精简", "节约", "节省", "减")
# Stage words that, alone before 率, leave a rate's domain to the context.
GENERIC_RATE_STEMS: tuple[str, ...] = ("答复", "办复", "落实", "办结", "满意", "解决", "完成", "纠错", "整改", "回访", "参考",
                      "合格", "通过", "履职", "参与", "结案", "调处", "调解", "成功", "审核", "公示",
                      "认领", "评价", "主动", "出庭", "应诉", "按时", "及时", "办理", "处理", "受理",
                      "到位", "覆盖", "执行", "回复", "参学", "知晓", "综合", "直接", "总体", "整体",
                      "平均", "群众", "社会", "化解", "备案", "审查", "公开", "报备", "清理", "按期")
# What makes a count a count of cases (件/起 of cases, applications, tickets ...).
CASE_NOUNS: tuple[str, ...] = ("案件", "案子", "工单", "申请", "纠纷", "投诉", "举报", "信访", "复议", "诉讼", "应诉",
              "诉求", "提案", "议案", "建议", "咨询", "求助", "来电", "来信", "来访", "争议", "办件",
              "处罚", "矛盾", "积案", "访件", "线索", "败诉", "胜诉", "撤诉", "待审", "法律援助", "公证")
NOT_CASE_NOUNS: tuple[str, ...] = ("案卷", "检查", "文件", "意见书", "审核意见", "征求意见稿", "审查意见", "法律意见",
                  "隐患", "事件", "事故", "宣传", "讲座", "培训", "活动", "会议", "规范性",
                  "复议决定书", "判决书", "裁定书", "调解书", "通知书", "文书")
# Outcomes of 复议/诉讼 (维持, 撤销 …) and the handling of what was received
# (办理, 处理 …): with 件/起 and no noun saying otherwise they count cases.
OUTCOME_VERBS: frozenset[str] = frozenset("维持 撤销 变更 确认违法 驳回 终止 撤回 责令履行 撤销变更".split())
HANDLING_VERBS: frozenset[str] = frozenset("受理 办结 审结 结案 办理 处理 调处 答复 回复 转办 交办 新收 收到 接收 收案".split())
# Issuing documents or opinions counts them (出具意见书, 发出检察建议): never cases.
ISSUING_VERBS: frozenset[str] = frozenset("发出 出具 印发 制发 下发 发放 发送".split())
# Words opening what was prevented or averted (防止民转刑案件): nothing was received or handled.
PREVENTED: tuple[str, ...] = ("防止", "避免", "杜绝", "预防")
CASE_UNITS: frozenset[str] = frozenset("件 起 个 条 宗 单 例 笔 批 件次 份".split())
# 问题/意见/事项 are cases only when received, solved or handled.
CONDITIONAL_CASE_NOUNS: tuple[str, ...] = ("问题", "意见", "事项", "诉求", "困难")
CASE_VERBS: tuple[str, ...] = ("受理", "办结", "审结", "解决", "协调", "查处", "办理", "处理", "化解", "回应", "答复",
              "回复", "收到", "接收", "收集", "反映", "调处", "转办", "交办", "督办", "办件")
NOT_CASE_VERBS: tuple[str, ...] = ("整改", "查找", "发现", "确定", "排查", "梳理", "制定", "检视", "查摆")
