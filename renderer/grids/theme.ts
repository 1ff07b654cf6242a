/** One AG Grid theme for the whole app, matching its palette and type, and the modules it uses. */
import { AllCommunityModule, ModuleRegistry, themeQuartz } from 'ag-grid-community';

ModuleRegistry.registerModules([AllCommunityModule]);

export const gridTheme = themeQuartz.withParams({
  fontFamily: 'inherit',
  fontSize: 13,
  headerFontSize: 12,
  headerFontWeight: 600,
  accentColor: '#0b5cad',
  foregroundColor: '#1b1f24',
  backgroundColor: '#ffffff',
  headerBackgroundColor: '#f1f3f6',
  borderColor: '#d8dde3',
  rowBorder: { color: '#e6e9ee' },
  oddRowBackgroundColor: '#fbfcfd',
  rowHeight: 30,
  headerHeight: 34,
  spacing: 6,
  wrapperBorderRadius: 0,
  cellHorizontalPaddingScale: 0.9,
});
