/**
 * The colours Teams gives an Adaptive Card's text and containers in its three themes, for the
 * contrast check over every card (test/helpers/card-check.ts) and the dark and high-contrast
 * screenshots (scripts/screenshots.ts). Nothing at run time reads this: cards name semantic
 * colours and container styles, and Teams picks the values.
 *
 * Light and dark: Microsoft's published Teams host configs (microsoft/AdaptiveCards
 * samples/HostConfig/microsoft-teams-light.json and microsoft-teams-dark.json, the same values in
 * microsoft/Teams-AdaptiveCards-Mobile). Colours are #AARRGGBB where they carry alpha (subtle
 * text is the default colour at 75 %). In the dark theme the coloured containers (accent, good,
 * attention, warning) keep their light pastel backgrounds and get dark text.
 *
 * High contrast: Microsoft publishes no host config for it. These are the Fluent UI Teams
 * high-contrast palette values (canvas #000000, canvas text #FFFFFF, hyperlink #FFFF00,
 * highlight #1AEBFF, disabled #3FF23F) applied to every container: UNVERIFIED as what Teams passes
 * its card renderer.
 */
export type ThemeName = 'light' | 'dark' | 'highContrast';
export type TextColour = 'default' | 'dark' | 'light' | 'accent' | 'good' | 'warning' | 'attention';
export type ContainerStyle = 'default' | 'emphasis' | 'accent' | 'good' | 'attention' | 'warning';

export interface ThemeContainer {
  background: string;
  text: Record<TextColour, { default: string; subtle: string }>;
}

export interface TeamsTheme {
  name: ThemeName;
  /** Where the values come from. */
  source: string;
  /** Behind the card, for the screenshots. */
  page: string;
  containers: Record<ContainerStyle, ThemeContainer>;
}

type Pair = [normal: string, subtle: string];
type Palette = Record<TextColour, Pair>;

const asText = (palette: Palette): ThemeContainer['text'] =>
  Object.fromEntries(Object.entries(palette).map(([name, [normal, subtle]]) => [name, { default: normal, subtle }])) as ThemeContainer['text'];

function theme(name: ThemeName, source: string, page: string, backgrounds: Record<ContainerStyle, string>, palette: (style: ContainerStyle) => Palette): TeamsTheme {
  const containers = Object.fromEntries(
    (Object.keys(backgrounds) as ContainerStyle[]).map((style) => [style, { background: backgrounds[style], text: asText(palette(style)) }]),
  ) as Record<ContainerStyle, ThemeContainer>;
  return { name, source, page, containers };
}

const PASTELS = { accent: '#C7DEF9', good: '#CCFFCC', attention: '#FFC5B2', warning: '#FFE2B2' };

const LIGHT_PALETTE: Palette = {
  default: ['#ff252424', '#bf252424'],
  dark: ['#252424', '#bf252424'],
  light: ['#ffffff', '#fff3f2f1'],
  accent: ['#6264a7', '#8b8cc7'],
  good: ['#92c353', '#e592c353'],
  warning: ['#f8d22a', '#e5f8d22a'],
  attention: ['#c4314b', '#e5c4314b'],
};

const DARK_ON_DARK: Palette = {
  default: ['#ffffffff', '#bfffffff'],
  dark: ['#ff201f1f', '#ff2d2c2c'],
  light: ['#ffffffff', '#bfffffff'],
  accent: ['#ffa6a7dc', '#ff8b8cc7'],
  good: ['#ff92c353', '#e592c353'],
  warning: ['#fff8d22a', '#e5f8d22a'],
  attention: ['#ffd74654', '#e5d74654'],
};

/** Dark theme, inside the pastel containers: dark default text. */
const DARK_ON_PASTEL: Palette = { ...DARK_ON_DARK, default: ['#ff201f1f', '#ff2d2c2c'] };

const HC: Palette = {
  default: ['#FFFFFF', '#FFFFFF'],
  dark: ['#FFFFFF', '#FFFFFF'],
  light: ['#FFFFFF', '#FFFFFF'],
  accent: ['#1AEBFF', '#1AEBFF'],
  good: ['#3FF23F', '#3FF23F'],
  warning: ['#FFFF00', '#FFFF00'],
  attention: ['#FFFF00', '#FFFF00'],
};

export const TEAMS_THEMES: Record<ThemeName, TeamsTheme> = {
  light: theme('light', 'microsoft/AdaptiveCards samples/HostConfig/microsoft-teams-light.json', '#F5F5F5', { default: '#ffffff', emphasis: '#fff9f8f7', ...PASTELS }, () => LIGHT_PALETTE),
  dark: theme(
    'dark',
    'microsoft/AdaptiveCards samples/HostConfig/microsoft-teams-dark.json',
    '#1F1F1F',
    { default: '#ff2d2c2c', emphasis: '#ff292828', ...PASTELS },
    (style) => (style === 'default' || style === 'emphasis' ? DARK_ON_DARK : DARK_ON_PASTEL),
  ),
  highContrast: theme(
    'highContrast',
    'Fluent UI Teams high-contrast palette (UNVERIFIED as a card host config)',
    '#000000',
    { default: '#000000', emphasis: '#000000', accent: '#000000', good: '#000000', attention: '#000000', warning: '#000000' },
    () => HC,
  ),
};

/** WCAG 2.x AA for normal-size text (Teams card text is 12–24 px, mostly under the "large text" size). */
export const AA_CONTRAST = 4.5;

function rgba(colour: string): { rgb: [number, number, number]; alpha: number } {
  let hex = colour.replace('#', '');
  let alpha = 1;
  if (hex.length === 8) {
    alpha = parseInt(hex.slice(0, 2), 16) / 255;
    hex = hex.slice(2);
  }
  if (!/^[0-9a-f]{6}$/i.test(hex)) throw new Error(`not a colour: ${colour}`);
  return { rgb: [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255) as [number, number, number], alpha };
}

function luminance(rgb: readonly number[]): number {
  const [r, g, b] = rgb.map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio of `foreground` (alpha blended over the background) on an opaque `background`. */
export function contrastRatio(foreground: string, background: string): number {
  const bg = rgba(background).rgb;
  const fg = rgba(foreground);
  const shown = fg.rgb.map((c, i) => c * fg.alpha + (bg[i] as number) * (1 - fg.alpha));
  const [hi, lo] = [luminance(shown), luminance(bg)].sort((a, b) => b - a) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}
