import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../../harness/cli.ts';
import type { CliIo } from '../../harness/cli/command.ts';

function memoryIo(): CliIo & { out: () => string; err: () => string } {
  const chunks = { out: [] as string[], err: [] as string[] };
  const sink = (into: string[]) =>
    new Writable({
      write(chunk: Buffer | string, _encoding, callback) {
        into.push(chunk.toString());
        callback();
      },
    });
  return {
    stdout: sink(chunks.out),
    stderr: sink(chunks.err),
    env: {},
    cwd: process.cwd(),
    out: () => chunks.out.join(''),
    err: () => chunks.err.join(''),
  };
}

describe('vault-alarm-lab command line', () => {
  it('lists every command with its summary on --help, status 0', async () => {
    const io = memoryIo();
    expect(await main(['--help'], io)).toBe(0);
    for (const command of ['run', 'up', 'pattern', 'rules', 'emulator', 'ship', 'vault', 'export']) {
      expect(io.out()).toMatch(new RegExp(`^  ${command} +\\S`, 'm'));
    }
  });

  it('treats a missing command as a usage error: help on stderr, status 2', async () => {
    const io = memoryIo();
    expect(await main([], io)).toBe(2);
    expect(io.out()).toBe('');
    expect(io.err()).toContain('Usage: vault-alarm-lab <command>');
  });

  it('lists nested subcommands with their summaries', async () => {
    const io = memoryIo();
    expect(await main(['pattern', '--help'], io)).toBe(0);
    expect(io.out()).toMatch(/^ {2}test +\S/m);
    expect(io.out()).toMatch(/^ {2}check +\S/m);
  });

  it('names an unknown command and the ones that exist', async () => {
    const io = memoryIo();
    expect(await main(['launch'], io)).toBe(2);
    expect(io.err()).toContain("unknown command 'launch'; expected one of: run, up, pattern");
  });

  it('names an unknown option and points at --help', async () => {
    const io = memoryIo();
    expect(await main(['pattern', 'check', '--patern', 'x'], io)).toBe(2);
    expect(io.err()).toContain("vault-alarm-lab pattern check: unknown option '--patern'");
    expect(io.err()).toContain("Run 'vault-alarm-lab pattern check --help' for usage.");
  });

  it('prints the package version', async () => {
    const io = memoryIo();
    expect(await main(['--version'], io)).toBe(0);
    expect(io.out()).toMatch(/^vault-alarm-lab \d+\.\d+\.\d+\n$/);
  });

  it("returns the command's own status", async () => {
    const io = memoryIo();
    expect(await main(['pattern', 'check', '-p', '{ $.type = }'], io)).toBe(2);
    expect(await main(['pattern', 'check', '-p', '{ $.type = "request" }'], io)).toBe(0);
  });
});

describe('option values that start with a dash', () => {
  it('takes an exclusion pattern as the value of --pattern and -p', async () => {
    for (const flag of ['--pattern', '-p']) {
      const io = memoryIo();
      const status = await main(
        ['pattern', 'test', flag, '-ERROR', '-e', 'INFO fine', '-e', 'ERROR bad', '--json'],
        io,
      );
      expect(io.err()).toBe('');
      expect(status).toBe(0);
      const { matches } = JSON.parse(io.out()) as { matches: { eventMessage: string }[] };
      expect(matches.map((m) => m.eventMessage)).toEqual(['INFO fine']);
    }
  });

  it('takes a dash value for a repeatable option', async () => {
    const io = memoryIo();
    expect(await main(['pattern', 'test', '-p', 'ERROR', '-e', '-ERROR-', '-e', 'ok', '--json'], io)).toBe(0);
    const { matches } = JSON.parse(io.out()) as { matches: { eventMessage: string }[] };
    expect(matches.map((m) => m.eventMessage)).toEqual(['-ERROR-']);
  });

  it('leaves the arguments after -- alone', async () => {
    const { parseCommandArgs } = await import('../../harness/cli/command.ts');
    const parsed = parseCommandArgs(
      {
        name: 'x',
        summary: 'x',
        positionals: [{ name: 'rest', description: 'rest', optional: true, variadic: true }],
        options: { name: { type: 'string', description: 'a name' } },
      },
      ['--name', '-a', '--', '--name', '-b'],
    );
    expect(parsed.values.name).toBe('-a');
    expect(parsed.positionals).toEqual(['--name', '-b']);
  });

  it('still refuses an unknown option after a boolean one', async () => {
    const io = memoryIo();
    expect(await main(['pattern', 'check', '--json', '--bogus'], io)).toBe(2);
    expect(io.err()).toContain("unknown option '--bogus'");
  });
});

describe('command help', () => {
  it('shows defaults, except empty and false ones', async () => {
    const { formatHelp } = await import('../../harness/cli/command.ts');
    const help = formatHelp(
      {
        name: 'x',
        summary: 'a command',
        options: {
          port: { type: 'string', description: 'port', default: '4566' },
          prefix: { type: 'string', description: 'name prefix', default: '' },
          json: { type: 'boolean', description: 'json', default: false },
        },
      },
      'lab x',
    );
    expect(help).toContain('port (default: 4566)');
    expect(help).toMatch(/name prefix\n/);
    expect(help).toMatch(/json\n/);
  });
});
