/**
 * Choosing standard-catalogue items (标准目录事项) to file a record under: a multiple select grouped by unit and area,
 * used by the knowledge base and the data catalogue. The value of an option is `area|item_key`, stable across catalogue
 * versions.
 */
import { catalogueItemValue } from '../lib/anchors.ts';

export interface CatalogueItemOption {
  unit_name: string;
  area_code: string;
  area_name: string;
  item_key: string;
  level1: string;
  level2: string | null;
}

function grouped<T extends CatalogueItemOption>(choices: T[]): [string, T[]][] {
  const groups = new Map<string, T[]>();
  for (const c of choices) {
    const label = `${c.unit_name} · ${c.area_name}`;
    groups.set(label, [...(groups.get(label) ?? []), c]);
  }
  return [...groups];
}

export function CatalogueItemSelect(p: { choices: CatalogueItemOption[]; selected: string[]; label: string; hint: string; error?: string }) {
  if (!p.choices.length) return null;
  return (
    <div class={`field${p.error ? ' field-error' : ''}`}>
      <label for="f-catalogueKeys">{p.label}</label>
      <p class="hint" id="f-catalogueKeys-hint">
        {p.hint}
      </p>
      {p.error ? (
        <p class="error-message" id="f-catalogueKeys-error">
          {p.error}
        </p>
      ) : null}
      <select
        id="f-catalogueKeys"
        name="catalogueKeys"
        multiple
        size={6}
        aria-describedby={`f-catalogueKeys-hint${p.error ? ' f-catalogueKeys-error' : ''}`}
        aria-invalid={p.error ? 'true' : undefined}
      >
        {grouped(p.choices).map(([label, items]) => (
          <optgroup label={label}>
            {items.map((c) => (
              <option value={catalogueItemValue(c)} selected={p.selected.includes(catalogueItemValue(c))}>
                {c.level1}
                {c.level2 ? ` / ${c.level2}` : ''}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    </div>
  );
}
