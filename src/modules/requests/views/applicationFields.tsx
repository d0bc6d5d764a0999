/** The fields of an application (条例 第二十九条), shared by the public form and the staff registration screen. */
import { Field, Select } from '../../../views/layout.tsx';
import { APPLICANT_SUBTYPES, APPLICANT_TYPES, DELIVERY_FORMS, DELIVERY_METHODS, ID_TYPES } from '../forms.ts';

const opts = (o: Record<string, string>) => Object.entries(o).map(([value, label]) => ({ value, label }));

export function ApplicationFields(props: {
  values: Record<string, string>;
  errors: Record<string, string>;
  units: { id: number; name: string; depth: number }[];
  unitLabel: string;
}) {
  const v = props.values;
  const e = props.errors;
  const idTypes = [...new Set([...ID_TYPES.natural, ...ID_TYPES.legal])];
  return (
    <>
      <fieldset>
        <legend>向哪个机关申请</legend>
        <Select
          name="unit"
          label={props.unitLabel}
          value={v.unit}
          error={e.unit}
          required
          blank="请选择"
          options={props.units.map((u) => ({ value: String(u.id), label: `${'　'.repeat(u.depth)}${u.name}` }))}
        />
      </fieldset>
      <fieldset>
        <legend>申请人信息</legend>
        <Select name="applicantType" label="申请人类型" value={v.applicantType} error={e.applicantType} required blank="请选择" options={opts(APPLICANT_TYPES)} />
        <Select
          name="applicantSubtype"
          label="法人或其他组织类别（申请人为法人或其他组织时填写）"
          value={v.applicantSubtype}
          error={e.applicantSubtype}
          blank="—"
          options={opts(APPLICANT_SUBTYPES)}
        />
        <Field name="applicantName" label="姓名或名称" value={v.applicantName} error={e.applicantName} required autocomplete="name" />
        <Select name="idType" label="身份证明（证件类型）" value={v.idType} error={e.idType} required blank="请选择" options={idTypes.map((x) => ({ value: x, label: x }))} />
        <Field name="idNumber" label="证件号码" value={v.idNumber} error={e.idNumber} required hint="只用于核实身份，不会公开" />
        <div class={`field${e.identityFiles ? ' field-error' : ''}`}>
          <label for="f-identityFiles">身份证明材料（可选）</label>
          <p class="hint" id="f-identityFiles-hint">
            身份证或营业执照等的照片或扫描件，JPG、PNG 或 PDF，每个不超过 10 MB，最多 4 个；只用于核实身份。{v.applicantName ? '如已选择过文件，请重新选择。' : ''}
          </p>
          {e.identityFiles ? (
            <p class="error-message" id="f-identityFiles-error">
              {e.identityFiles}
            </p>
          ) : null}
          <input
            id="f-identityFiles"
            name="identityFiles"
            type="file"
            multiple
            accept=".jpg,.jpeg,.png,.pdf,image/jpeg,image/png,application/pdf"
            aria-describedby={`f-identityFiles-hint${e.identityFiles ? ' f-identityFiles-error' : ''}`}
          />
        </div>
        <Field name="contactPerson" label="联系人（法人或其他组织填写）" value={v.contactPerson} error={e.contactPerson} />
        <Field name="phone" label="联系电话" type="tel" value={v.phone} error={e.phone} required autocomplete="tel" />
        <Field name="email" label="电子邮箱" type="email" value={v.email} error={e.email} autocomplete="email" hint="选择电子邮件获取时必填" />
        <Field name="address" label="通信地址" value={v.address} error={e.address} autocomplete="street-address" hint="选择邮寄时必填" />
        <Field name="postcode" label="邮政编码" value={v.postcode} error={e.postcode} autocomplete="postal-code" />
      </fieldset>
      <fieldset>
        <legend>所需政府信息</legend>
        <Field name="infoTitle" label="信息名称" value={v.infoTitle} error={e.infoTitle} hint="知道文件名称的请填写" />
        <Field name="infoDocNo" label="文号" value={v.infoDocNo} error={e.infoDocNo} hint="如：示民〔2026〕3号" />
        <Field
          name="infoDescription"
          label="所需信息的内容描述"
          textarea
          rows={5}
          value={v.infoDescription}
          error={e.infoDescription}
          required
          hint="写清时间、地点、事项等便于查找的特征。信访、投诉、举报请通过相应渠道提出，不作为政府信息公开申请处理（条例第三十九条）。"
        />
      </fieldset>
      <fieldset>
        <legend>获取信息的方式</legend>
        <Select name="deliveryForm" label="信息的载体形式" value={v.deliveryForm} error={e.deliveryForm} required blank="请选择" options={opts(DELIVERY_FORMS)} />
        <Select name="deliveryMethod" label="获取方式" value={v.deliveryMethod} error={e.deliveryMethod} required blank="请选择" options={opts(DELIVERY_METHODS)} />
      </fieldset>
    </>
  );
}

export const APPLICATION_FIELDS = [
  'unit',
  'applicantType',
  'applicantSubtype',
  'applicantName',
  'idType',
  'idNumber',
  'contactPerson',
  'phone',
  'email',
  'address',
  'postcode',
  'infoTitle',
  'infoDocNo',
  'infoDescription',
  'deliveryForm',
  'deliveryMethod',
];

/** The form body as the schema reads it (empty selects left out, so "not chosen" gets its own message). */
export function applicationFromBody(body: Record<string, unknown>): { values: Record<string, string>; application: Record<string, string> } {
  const values: Record<string, string> = {};
  for (const k of APPLICATION_FIELDS) values[k] = typeof body[k] === 'string' ? (body[k] as string).slice(0, 3000) : '';
  const application: Record<string, string> = {};
  for (const [k, v] of Object.entries(values)) if (k !== 'unit' && v !== '') application[k] = v;
  return { values, application };
}
