import type { AdaptiveCard } from '../../app/turn';
import { renderCard } from '../../cards/render';
import { summaryOf, type CheckStatus, type DoctorReport } from './doctor-report';

/** Icon and container style per status; the headline keeps the default text colour, readable on that style in every Teams theme. */
const LOOK: Record<CheckStatus, { icon: string; style: string; headline: string }> = {
  pass: { icon: '✅', style: 'good', headline: 'The bot stands on solid ground' },
  warn: { icon: '⚠️', style: 'warning', headline: 'The bot works, with warnings' },
  fail: { icon: '❌', style: 'attention', headline: 'The bot is missing something it needs' },
};

/** Command lines of a fix (pac, PowerShell, REST) are shown in a monospace font, one per line. */
const COMMAND = /^(pac |New-|Add-|Connect-|PUT |GET |POST )/;

/**
 * Lists that grow with the tenant (one environment name or `pac` line each) are cut on the card so that a
 * tenant with hundreds of environments stays under Teams' size limit; the CLI prints them all.
 */
export const DOCTOR_CARD_MAX_FIX_LINES = 16;
export const DOCTOR_CARD_MAX_DETAIL = 1500;
const ALL_OF_THEM = 'npm run cli -- doctor prints them all';

/** The doctor card: a verdict, then one block per check with its detail and, when it did not pass, the fix. */
export function doctorCard(report: DoctorReport, tenantLabel: string): AdaptiveCard {
  const look = LOOK[report.status];
  return renderCard('doctor', {
    headline: `${look.icon} ${look.headline}`,
    style: look.style,
    subtitle: [`doctor · version ${report.version}`, summaryOf(report.checks), tenantLabel].filter((part) => part !== '').join(' · '),
    checks: report.checks.map((check) => ({
      icon: LOOK[check.status].icon,
      title: check.title,
      detail: check.detail.length > DOCTOR_CARD_MAX_DETAIL ? `${check.detail.slice(0, DOCTOR_CARD_MAX_DETAIL).trimEnd()}… (cut here; ${ALL_OF_THEM})` : check.detail,
      fix: check.status === 'pass' || check.fix === null ? [] : fixLines(check.fix),
    })),
  });
}

function fixLines(fix: string): { text: string; font: string }[] {
  const lines = fix.split('\n');
  const shown = lines.slice(0, DOCTOR_CARD_MAX_FIX_LINES).map((line, i) => ({ text: i === 0 ? `Fix: ${line}` : line, font: COMMAND.test(line) ? 'Monospace' : 'Default' }));
  const hidden = lines.length - shown.length;
  return hidden > 0 ? [...shown, { text: `…and ${hidden} more (${ALL_OF_THEM}).`, font: 'Default' }] : shown;
}
