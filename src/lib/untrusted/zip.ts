/**
 * Inspection of a ZIP container (DOCX, XLSX, PPTX, OFD) before anything decompresses it for real: the entry count,
 * each entry's declared size and compression ratio, the declared total, and then the actual expanded bytes, counted
 * while streaming and stopped the moment a limit is passed. A zip bomb (a 297 KB DOCX expanding to 100 MB of XML)
 * is refused here with a message, instead of taking the parser's heap.
 */
import yauzl from 'yauzl';
import { AppError } from '../errors.ts';

export interface ZipLimits {
  maxEntries: number;
  maxExpandedBytes: number;
  /** Largest expanded/compressed ratio of one entry (ordinary Office XML compresses 5–30×). */
  maxRatio: number;
}

const reject = (message: string) => new AppError('ARCHIVE_REJECTED', 422, message);
const mb = (n: number) => `${Math.round(n / 1048576)} MB`;

function open(buffer: Buffer): Promise<yauzl.ZipFile> {
  return new Promise((resolve, fail) =>
    yauzl.fromBuffer(buffer, { lazyEntries: true, validateEntrySizes: true, strictFileNames: false }, (err, zip) =>
      err ? fail(reject('文件已损坏或不是有效的压缩格式（ZIP）。')) : resolve(zip),
    ),
  );
}

/** Throws ARCHIVE_REJECTED (422) with a readable reason when the archive breaks a limit; resolves with the totals. */
export async function inspectZip(buffer: Buffer, limits: ZipLimits): Promise<{ entries: number; expandedBytes: number }> {
  const zip = await open(buffer);
  let entries = 0;
  let declared = 0;
  let actual = 0;
  try {
    await new Promise<void>((resolve, fail) => {
      zip.on('error', () => fail(reject('文件已损坏，无法读取其中的内容。')));
      zip.on('end', () => resolve());
      zip.on('entry', (entry: yauzl.Entry) => {
        entries++;
        if (entries > limits.maxEntries) return fail(reject(`文件包含的部件超过 ${limits.maxEntries} 个，不予处理。`));
        declared += entry.uncompressedSize;
        if (declared > limits.maxExpandedBytes) return fail(reject(`文件解压后超过 ${mb(limits.maxExpandedBytes)}，不予处理。`));
        if (entry.uncompressedSize > 1024 * 1024 && entry.uncompressedSize / Math.max(entry.compressedSize, 1) > limits.maxRatio) {
          return fail(reject(`文件中的“${entry.fileName.slice(0, 60)}”压缩比异常（超过 ${limits.maxRatio} 倍），不予处理。`));
        }
        if (/\/$/.test(entry.fileName)) return zip.readEntry();
        zip.openReadStream(entry, (err, stream) => {
          if (err) return fail(reject('文件已损坏，无法读取其中的内容。'));
          stream.on('data', (chunk: Buffer) => {
            actual += chunk.length;
            if (actual > limits.maxExpandedBytes) {
              stream.destroy();
              fail(reject(`文件解压后超过 ${mb(limits.maxExpandedBytes)}，不予处理。`));
            }
          });
          // A size that differs from the declared one (validateEntrySizes) is a forged header.
          stream.on('error', () => fail(reject('文件中部件的实际大小与声明不符，不予处理。')));
          stream.on('end', () => zip.readEntry());
        });
      });
      zip.readEntry();
    });
  } finally {
    zip.close();
  }
  return { entries, expandedBytes: actual };
}
