import { extname } from 'node:path';
import { exportCliScript } from './cli-script.ts';
import { exportCloudFormation } from './cloudformation.ts';
import type { TemplateSyntax } from './cloudformation.ts';
import { exportTerraform } from './terraform.ts';
import type { DesiredState } from '../provision/desired-state.ts';

export const EXPORT_FORMATS = ['cli', 'cloudformation', 'terraform'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportOptions {
  /** CloudFormation only: the template's syntax (JSON by default). */
  readonly syntax?: TemplateSyntax;
  /** Terraform only: the provider's default region. */
  readonly region?: string;
}

export function exportRules(
  desired: DesiredState,
  format: ExportFormat,
  generatedBy: string,
  options: ExportOptions = {},
): string {
  switch (format) {
    case 'cli':
      return exportCliScript(desired, generatedBy);
    case 'cloudformation':
      return exportCloudFormation(desired, generatedBy, options.syntax);
    case 'terraform':
      return exportTerraform(desired, generatedBy, options.region);
  }
}

/** The format a file name implies (`rules.tf`, `cfn.yaml`, `apply.sh`), for `export -o` without --format. */
export function formatForFile(path: string): { format: ExportFormat; syntax?: TemplateSyntax } | undefined {
  const ext = extname(path).toLowerCase();
  if (ext === '.tf') return { format: 'terraform' };
  if (ext === '.sh') return { format: 'cli' };
  if (ext === '.yaml' || ext === '.yml') return { format: 'cloudformation', syntax: 'yaml' };
  if (ext === '.json' || ext === '.template') return { format: 'cloudformation', syntax: 'json' };
  return undefined;
}

export { exportCliScript, exportCloudFormation, exportTerraform };
export type { TemplateSyntax };
