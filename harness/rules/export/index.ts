import { exportCliScript } from './cli-script.ts';
import { exportCloudFormation } from './cloudformation.ts';
import { exportTerraform } from './terraform.ts';
import type { DesiredState } from '../provision/desired-state.ts';

export const EXPORT_FORMATS = ['cli', 'cloudformation', 'terraform'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export function exportRules(desired: DesiredState, format: ExportFormat, generatedBy: string): string {
  switch (format) {
    case 'cli':
      return exportCliScript(desired, generatedBy);
    case 'cloudformation':
      return exportCloudFormation(desired, generatedBy);
    case 'terraform':
      return exportTerraform(desired, generatedBy);
  }
}

export { exportCliScript, exportCloudFormation, exportTerraform };
