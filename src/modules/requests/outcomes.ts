/**
 * Decisions on an application, in the rows of the annual report's table 三 (国办公开办函〔2021〕30号, regulations.md
 * §2.4), each with the article it rests on. Which row Art. 36(5) (not this agency's information) and Art. 36(7)
 * (registries under special laws) count in is [U] in regulations.md: they are outcomes of their own
 * (unable_not_ours, withhold_query), so the annual report can count them elsewhere by changing their `row` alone.
 */
export type OutcomeGroup = 'disclose' | 'partial' | 'withhold' | 'unable' | 'not_processed' | 'other';

export interface OutcomeDef {
  code: string;
  group: OutcomeGroup;
  /** The row of table 三, e.g. '（三）4'. */
  row: string;
  label: string;
  basis: string;
  /** What the reply letter says, after "经审查，". */
  replyText: string;
}

export const GROUP_LABELS: Record<OutcomeGroup, string> = {
  disclose: '（一）予以公开',
  partial: '（二）部分公开',
  withhold: '（三）不予公开',
  unable: '（四）无法提供',
  not_processed: '（五）不予处理',
  other: '（六）其他处理',
};

export const OUTCOMES: OutcomeDef[] = [
  {
    code: 'disclose_published',
    group: 'disclose',
    row: '（一）',
    label: '予以公开：已主动公开，告知获取方式和途径',
    basis: '条例第三十六条第（一）项',
    replyText: '您申请获取的政府信息已经主动公开，获取方式和途径如下',
  },
  {
    code: 'disclose_provided',
    group: 'disclose',
    row: '（一）',
    label: '予以公开：提供信息或告知获取方式、途径和时间',
    basis: '条例第三十六条第（二）项',
    replyText: '您申请获取的政府信息属于公开范围，现予以提供',
  },
  {
    code: 'partial',
    group: 'partial',
    row: '（二）',
    label: '部分公开（区分处理）',
    basis: '条例第三十七条',
    replyText: '您申请获取的政府信息中含有不应当公开的内容，经区分处理，现提供可以公开的部分',
  },
  {
    code: 'withhold_state_secret',
    group: 'withhold',
    row: '（三）1',
    label: '不予公开：属于国家秘密',
    basis: '条例第十四条',
    replyText: '您申请获取的政府信息属于国家秘密，根据条例第十四条不予公开',
  },
  {
    code: 'withhold_law',
    group: 'withhold',
    row: '（三）2',
    label: '不予公开：其他法律行政法规禁止公开',
    basis: '条例第十四条',
    replyText: '您申请获取的政府信息属于法律、行政法规禁止公开的信息，根据条例第十四条不予公开',
  },
  {
    code: 'withhold_security',
    group: 'withhold',
    row: '（三）3',
    label: '不予公开：危及“三安全一稳定”',
    basis: '条例第十四条',
    replyText: '您申请获取的政府信息公开后可能危及国家安全、公共安全、经济安全、社会稳定，根据条例第十四条不予公开',
  },
  {
    code: 'withhold_third_party',
    group: 'withhold',
    row: '（三）4',
    label: '不予公开：保护第三方合法权益',
    basis: '条例第十五条',
    replyText: '您申请获取的政府信息涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害，根据条例第十五条不予公开',
  },
  {
    code: 'withhold_internal',
    group: 'withhold',
    row: '（三）5',
    label: '不予公开：属于三类内部事务信息',
    basis: '条例第十六条第一款',
    replyText: '您申请获取的信息属于行政机关的内部事务信息，根据条例第十六条第一款可以不予公开',
  },
  {
    code: 'withhold_process',
    group: 'withhold',
    row: '（三）6',
    label: '不予公开：属于四类过程性信息',
    basis: '条例第十六条第二款',
    replyText: '您申请获取的信息属于行政机关在履行行政管理职能过程中形成的过程性信息，根据条例第十六条第二款可以不予公开',
  },
  {
    code: 'withhold_enforcement_file',
    group: 'withhold',
    row: '（三）7',
    label: '不予公开：属于行政执法案卷',
    basis: '条例第十六条第二款',
    replyText: '您申请获取的信息属于行政执法案卷信息，根据条例第十六条第二款可以不予公开',
  },
  {
    code: 'withhold_query',
    group: 'withhold',
    row: '（三）8',
    label: '不予公开：属于行政查询事项',
    basis: '条例第三十六条第（七）项',
    replyText: '您申请获取的信息属于工商、不动产登记资料等信息，有关法律、行政法规对信息的获取有特别规定，请依照有关规定办理',
  },
  {
    code: 'unable_not_held',
    group: 'unable',
    row: '（四）1',
    label: '无法提供：本机关不掌握相关政府信息',
    basis: '条例第三十六条第（四）项',
    replyText: '经检索，本机关没有您申请公开的政府信息，该政府信息不存在',
  },
  {
    code: 'unable_not_ours',
    group: 'unable',
    row: '（四）1',
    label: '无法提供：不属于本机关负责公开（告知负责机关）',
    basis: '条例第三十六条第（五）项',
    replyText: '您申请获取的政府信息不属于本机关负责公开',
  },
  {
    code: 'unable_needs_creation',
    group: 'unable',
    row: '（四）2',
    label: '无法提供：没有现成信息需要另行制作',
    basis: '条例第三十八条',
    replyText: '您申请获取的信息需要本机关对现有政府信息进行加工、分析，根据条例第三十八条可以不予提供',
  },
  {
    code: 'unable_unclear',
    group: 'unable',
    row: '（四）3',
    label: '无法提供：补正后申请内容仍不明确',
    basis: '条例第三十条',
    replyText: '经补正，您的申请内容仍不明确，本机关无法确定您申请获取的政府信息',
  },
  {
    code: 'np_petition',
    group: 'not_processed',
    row: '（五）1',
    label: '不予处理：信访举报投诉类申请',
    basis: '条例第三十九条第一款',
    replyText: '您的申请属于以政府信息公开申请的形式进行信访、投诉、举报等活动，不作为政府信息公开申请处理，您可以通过相应渠道提出',
  },
  {
    code: 'np_repeat',
    group: 'not_processed',
    row: '（五）2',
    label: '不予处理：重复申请',
    basis: '条例第三十六条第（六）项',
    replyText: '本机关已就您提出的政府信息公开申请作出答复，您重复申请公开相同政府信息，本机关不予重复处理',
  },
  {
    code: 'np_publication',
    group: 'not_processed',
    row: '（五）3',
    label: '不予处理：要求提供公开出版物',
    basis: '条例第三十九条第二款',
    replyText: '您申请获取的是政府公报、报刊、书籍等公开出版物，获取途径如下',
  },
  {
    code: 'np_excessive',
    group: 'not_processed',
    row: '（五）4',
    label: '不予处理：无正当理由大量反复申请',
    basis: '条例第三十五条',
    replyText: '您申请公开政府信息的数量、频次明显超过合理范围，经要求说明理由，本机关认为申请理由不合理，不予处理',
  },
  {
    code: 'np_confirm',
    group: 'not_processed',
    row: '（五）5',
    label: '不予处理：要求确认或重新出具已获取信息',
    basis: '条例第三十六条',
    replyText: '您要求本机关确认或重新出具已获取的信息，不属于政府信息公开申请的处理范围',
  },
  {
    code: 'other_no_correction',
    group: 'other',
    row: '（六）1',
    label: '其他处理：逾期不补正，不再处理',
    basis: '条例第三十条',
    replyText: '您无正当理由逾期未补正，视为放弃申请，本机关不再处理该政府信息公开申请',
  },
  {
    code: 'other_unpaid',
    group: 'other',
    row: '（六）2',
    label: '其他处理：逾期未缴纳信息处理费，不再处理',
    basis: '国办函〔2020〕109号',
    replyText: '您逾期未按收费通知要求缴纳信息处理费，视为放弃申请，本机关不再处理该政府信息公开申请',
  },
  { code: 'other', group: 'other', row: '（六）3', label: '其他处理：其他（如申请人撤回申请）', basis: '条例第三十六条', replyText: '' },
];

export const OUTCOME_BY_CODE = new Map(OUTCOMES.map((o) => [o.code, o]));

/** Outcomes whose reply names something the officer must fill in. */
export const NEEDS = {
  /** Art. 36(5): the responsible agency's name and contact. */
  responsibleAgency: new Set(['unable_not_ours']),
  /** Art. 36(1): where the published information is (a link to the item). */
  publishedLink: new Set(['disclose_published']),
  /** Art. 37: the reason the withheld part is withheld. */
  withheldReason: new Set(['partial']),
};

/** Closing outcomes the clock itself leads to, not chosen on the decision form. */
export const CLOSING_OUTCOMES = new Set(['other_no_correction', 'other_unpaid']);

/** Remedies stated on every reply (条例 第五十一条; 行政复议法, 行政诉讼法). */
export const REMEDIES = '如对本答复不服，可以自收到本答复之日起60日内依法申请行政复议，或者自收到本答复之日起6个月内依法向人民法院提起行政诉讼。';
