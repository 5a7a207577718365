import { doctorCard, DOCTOR_CARD_MAX_FIX_LINES } from '../../src/features/doctor/doctor.card';
import type { DoctorReport } from '../../src/features/doctor/doctor-report';
import { assignApplicationUser } from '../../src/features/doctor/fixes';
import { cardPayloadBytes, cardText, expectValidCard, MAX_CARD_BYTES } from '../helpers/card-check';

const environment = (i: number) => ({ id: `e0000000-0000-4000-8000-${String(i).padStart(12, '0')}`, name: `Contoso Finance Operations Regional Sandbox ${String(i).padStart(3, '0')}` });

describe('the doctor card', () => {
  it('when 600 environments lack the application user, then the card stays under 80 KB, shows the first commands and says how many more the CLI prints', () => {
    const environments = Array.from({ length: 600 }, (_, i) => environment(i));
    const report: DoctorReport = {
      status: 'fail',
      version: '0.1.0',
      dataSource: 'live',
      checks: [
        {
          id: 'dataverse',
          status: 'fail',
          title: 'Dataverse application users',
          detail: `No enabled application user for app 8f4c2b7e-1d3a-4e5f-9a6b-0c7d8e9f1a2b in: ${environments.map((e) => e.name).join(', ')}.`,
          fix: assignApplicationUser('8f4c2b7e-1d3a-4e5f-9a6b-0c7d8e9f1a2b', environments),
        },
      ],
    };
    const card = doctorCard(report, '');
    expectValidCard(card);
    expect(cardPayloadBytes(card)).toBeLessThan(MAX_CARD_BYTES);
    const text = cardText(card);
    expect(text).toContain(`pac admin assign-user --environment ${environment(0).id}`);
    expect(text).not.toContain(`--environment ${environment(599).id}`);
    expect(text).toContain(`…and ${601 - DOCTOR_CARD_MAX_FIX_LINES} more (npm run cli -- doctor prints them all).`);
    expect(text).toContain('… (cut here; npm run cli -- doctor prints them all)');
  });
});
