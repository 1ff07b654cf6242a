/**
 * The PDF's document information, as a reader sees it in File > Properties: Chromium writes its own user
 * agent as the Creator ("Mozilla/5.0 … HeadlessChrome …") and nothing as the Author, so the printed PDF is
 * read back with pdf-lib and its Info dictionary set: Title (the pilot's name, "pilot submission"), Author
 * (who prepared it, only when somebody chose a name), Creator (this app and its version). Everything else
 * Chromium wrote — the pages, the tags, the outline, the Producer — is kept as it is.
 */
import { PDFDocument } from 'pdf-lib';
import { plainText } from '../../shared/text';
import { reportTitle } from '../../shared/report/types';

export interface PdfInfo {
  pilotName: string;
  /** Who prepared it, as somebody chose it, or null (no Author). */
  author: string | null;
  /** This app's version, from package.json (the CLI) or Electron's app.getVersion(). */
  appVersion: string;
}

export async function withPdfInfo(pdf: Uint8Array, info: PdfInfo): Promise<Buffer> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  doc.setTitle(reportTitle(info.pilotName), { showInWindowTitleBar: true });
  const author = info.author === null ? '' : plainText(info.author).trim();
  if (author) doc.setAuthor(author);
  doc.setCreator(`Total Place Workbook ${info.appVersion}`);
  return Buffer.from(await doc.save({ useObjectStreams: false, updateFieldAppearances: false }));
}
