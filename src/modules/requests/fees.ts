/**
 * 信息处理费 (条例 第四十二条; 国办函〔2020〕109号 第三—五条). Either per piece or per page for one application, never
 * both; both progressive on the excess. Amounts in yuan.
 *
 * Per piece, counted per applicant per calendar month: pieces 1–10 free, 11–30 at 100 元, then each band of 10 costs
 * 100 元 more (31–40 at 200, 41–50 at 300 …). That reading of "每增加一档" is the common one and is [U] in
 * regulations.md §3.2, so the band size and step are parameters.
 */
export interface PieceTariff {
  free: number;
  firstBandEnd: number;
  firstBandPrice: number;
  bandSize: number;
  bandStep: number;
}

export const PIECE_TARIFF: PieceTariff = { free: 10, firstBandEnd: 30, firstBandPrice: 100, bandSize: 10, bandStep: 100 };

/** Page bands: [last page of the band, price per page]; pages beyond the last band cost `beyond`. */
export const PAGE_TARIFF = {
  bands: [
    [30, 0],
    [100, 10],
    [200, 20],
  ] as [number, number][],
  beyond: 40,
};

/** The price of the k-th piece of the month (1-based). */
export function piecePrice(k: number, t: PieceTariff = PIECE_TARIFF): number {
  if (k <= t.free) return 0;
  if (k <= t.firstBandEnd) return t.firstBandPrice;
  return t.firstBandPrice + t.bandStep * Math.ceil((k - t.firstBandEnd) / t.bandSize);
}

/** Fee for `pieces` new pieces when the applicant already had `before` this calendar month. */
export function perPieceFee(before: number, pieces: number, t: PieceTariff = PIECE_TARIFF): number {
  let fee = 0;
  for (let k = before + 1; k <= before + pieces; k++) fee += piecePrice(k, t);
  return fee;
}

export function perPageFee(pages: number, t = PAGE_TARIFF): number {
  let fee = 0;
  let from = 0;
  for (const [end, price] of t.bands) {
    if (pages > from) fee += (Math.min(pages, end) - from) * price;
    from = end;
  }
  if (pages > from) fee += (pages - from) * t.beyond;
  return fee;
}
