/** The fields of a valid 依申请公开 application as the form posts them (a natural person, electronic, online). */
export function applicationFields(over: Record<string, string> = {}): Record<string, string> {
  return {
    applicantType: 'natural',
    applicantName: '李四',
    idType: '居民身份证',
    idNumber: '110101199003074514',
    phone: '13912345678',
    infoDescription: '清河镇2025年道路维修工程招标文件和中标结果',
    deliveryForm: 'electronic',
    deliveryMethod: 'online',
    ...over,
  };
}
