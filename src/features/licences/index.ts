import type { Feature } from '../../app/routes';
import { confirmLicenceAction, fixLicenceAction, licenceCommand } from './licences.command';

export const licencesFeature: Feature = {
  commands: [licenceCommand],
  actions: [fixLicenceAction, confirmLicenceAction],
};
