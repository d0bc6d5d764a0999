/** A valid application form (条例 第二十九条) for tests; override any field. */
export const application = (over: Record<string, unknown> = {}) => ({
  applicantType: 'natural',
  applicantName: '张三',
  idType: '居民身份证',
  idNumber: '110101199003074514',
  phone: '13912345678',
  email: 'zhangsan@example.com',
  address: '示范市人民路1号',
  infoTitle: '示范市2025年城乡低保资金分配表',
  infoDocNo: '',
  infoDescription: '2025年度全市城乡低保资金按区县的分配情况',
  deliveryForm: 'electronic',
  deliveryMethod: 'online',
  ...over,
});
