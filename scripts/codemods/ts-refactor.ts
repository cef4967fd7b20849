/**
 * Renames and file moves done by the TypeScript language service, the way an editor's "rename
 * symbol" and "move file" do them, over every file of tsconfig.json: each import, re-export and use
 * follows. Codemods (scripts/codemods/*.ts) describe their steps with it so a step can be re-run
 * after other branches are merged: a step already applied is reported and skipped, and one whose
 * symbol, file or text is gone altogether is skipped with a WARNING line to check by hand.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import ts from 'typescript';

/** `file` is relative to the repository; `name` is a top-level declaration or `Class.member`. */
export interface RenameSymbol {
  readonly kind: 'rename';
  readonly file: string;
  readonly name: string;
  readonly newName: string;
}

export interface MoveFile {
  readonly kind: 'move';
  readonly from: string;
  readonly to: string;
}

/** Text that is not a symbol (a comment, a message), replaced as given in one file. */
export interface ReplaceText {
  readonly kind: 'replace';
  readonly file: string;
  readonly from: string;
  readonly to: string;
}

export type RefactorStep = RenameSymbol | MoveFile | ReplaceText;

export class Refactorer {
  readonly #root: string;
  readonly #options: ts.CompilerOptions;
  readonly #fileNames: Set<string>;
  readonly #texts = new Map<string, string>();
  readonly #versions = new Map<string, number>();
  readonly #service: ts.LanguageService;
  readonly #changed = new Set<string>();

  constructor(root: string) {
    this.#root = resolve(root);
    const parsed = ts.getParsedCommandLineOfConfigFile(
      join(this.#root, 'tsconfig.json'),
      {},
      {
        ...ts.sys,
        onUnRecoverableConfigFileDiagnostic: (d) => {
          throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
        },
      },
    );
    if (parsed === undefined) throw new Error(`${this.#root}/tsconfig.json could not be read`);
    this.#options = parsed.options;
    this.#fileNames = new Set(parsed.fileNames.map((f) => resolve(f)));
    const host: ts.LanguageServiceHost = {
      getScriptFileNames: () => [...this.#fileNames],
      getScriptVersion: (f) => String(this.#versions.get(f) ?? 0),
      getScriptSnapshot: (f) => {
        const text = this.#read(f);
        return text === undefined ? undefined : ts.ScriptSnapshot.fromString(text);
      },
      getCurrentDirectory: () => this.#root,
      getCompilationSettings: () => this.#options,
      getDefaultLibFileName: (o) => ts.getDefaultLibFilePath(o),
      fileExists: (f) => this.#texts.has(f) || ts.sys.fileExists(f),
      readFile: (f) => this.#read(f),
      readDirectory: ts.sys.readDirectory,
      directoryExists: ts.sys.directoryExists,
      getDirectories: ts.sys.getDirectories,
    };
    this.#service = ts.createLanguageService(host, ts.createDocumentRegistry());
  }

  /** Applies the steps in order; returns the files changed, relative to the root. */
  run(steps: readonly RefactorStep[]): string[] {
    for (const step of steps) {
      if (step.kind === 'rename') this.#rename(step);
      else if (step.kind === 'move') this.#move(step);
      else this.#replace(step);
    }
    for (const file of this.#changed) {
      if (this.#fileNames.has(file)) writeFileSync(file, this.#texts.get(file)!);
    }
    return [...this.#changed].map((f) => f.slice(this.#root.length + 1)).sort();
  }

  #read(file: string): string | undefined {
    const cached = this.#texts.get(file);
    if (cached !== undefined) return cached;
    if (!ts.sys.fileExists(file)) return undefined;
    const text = readFileSync(file, 'utf8');
    this.#texts.set(file, text);
    return text;
  }

  #write(file: string, text: string): void {
    if (this.#read(file) === text) return;
    this.#texts.set(file, text);
    this.#versions.set(file, (this.#versions.get(file) ?? 0) + 1);
    this.#changed.add(file);
  }

  #applyEdits(edits: readonly { fileName: string; textChanges: readonly ts.TextChange[] }[]): void {
    const byFile = new Map<string, ts.TextChange[]>();
    for (const edit of edits) {
      const file = resolve(edit.fileName);
      byFile.set(file, [...(byFile.get(file) ?? []), ...edit.textChanges]);
    }
    for (const [file, changes] of byFile) {
      let text = this.#read(file)!;
      for (const change of [...changes].sort((a, b) => b.span.start - a.span.start)) {
        text =
          text.slice(0, change.span.start) +
          change.newText +
          text.slice(change.span.start + change.span.length);
      }
      this.#write(file, text);
    }
  }

  #rename(step: RenameSymbol): void {
    const file = join(this.#root, step.file);
    const position = declarationPosition(file, this.#read(file), step.name);
    if (position === undefined) {
      if (declarationPosition(file, this.#read(file), renamedPath(step.name, step.newName)) !== undefined) {
        console.log(`  ${step.file}: ${step.name} is already ${step.newName}, skipped`);
        return;
      }
      // Another branch may have removed or moved it since the step was written: say so, go on.
      console.warn(`  ${step.file}: WARNING no declaration ${step.name} (nor ${step.newName}), skipped`);
      return;
    }
    const locations = this.#service.findRenameLocations(file, position, false, false, {
      providePrefixAndSuffixTextForRename: false,
    });
    if (locations === undefined) throw new Error(`${step.file}: ${step.name} cannot be renamed`);
    const byFile = new Map<string, ts.TextChange[]>();
    for (const location of locations) {
      const changes = byFile.get(location.fileName) ?? [];
      changes.push({ span: location.textSpan, newText: newNameFor(step) });
      byFile.set(location.fileName, changes);
    }
    this.#applyEdits([...byFile].map(([fileName, textChanges]) => ({ fileName, textChanges })));
    console.log(
      `  ${step.file}: ${step.name} → ${step.newName} (${locations.length} places in ${byFile.size} files)`,
    );
  }

  #move(step: MoveFile): void {
    const from = join(this.#root, step.from);
    const to = join(this.#root, step.to);
    if (!existsSync(from) && !this.#texts.has(from)) {
      if (existsSync(to)) {
        console.log(`  ${step.from} is already ${step.to}, skipped`);
        return;
      }
      console.warn(`  WARNING ${step.from}: no such file (nor ${step.to}), skipped`);
      return;
    }
    const edits = this.#service.getEditsForFileRename(from, to, ts.getDefaultFormatCodeSettings(), {
      importModuleSpecifierEnding: 'js',
      allowImportingTsExtensions: true,
    } as ts.UserPreferences);
    this.#applyEdits(edits);
    // The moved file's own text (edited above for its imports) goes to its new path.
    const text = this.#read(from)!;
    mkdirSync(dirname(to), { recursive: true });
    renameSync(from, to);
    this.#fileNames.delete(from);
    this.#texts.delete(from);
    this.#changed.delete(from);
    this.#fileNames.add(to);
    this.#texts.set(to, text);
    this.#versions.set(to, (this.#versions.get(to) ?? 0) + 1);
    this.#changed.add(to);
    console.log(`  ${step.from} → ${step.to} (${edits.length} files edited)`);
  }

  #replace(step: ReplaceText): void {
    const file = join(this.#root, step.file);
    const text = this.#read(file);
    if (text === undefined || !text.includes(step.from)) {
      if (text?.includes(step.to)) console.log(`  ${step.file}: text already replaced, skipped`);
      else
        console.warn(
          `  ${step.file}: WARNING neither the text to replace nor its replacement is there, skipped`,
        );
      return;
    }
    this.#write(file, text.split(step.from).join(step.to));
    console.log(`  ${step.file}: text replaced`);
  }
}

function newNameFor(step: RenameSymbol): string {
  return step.newName.includes('.') ? step.newName.slice(step.newName.lastIndexOf('.') + 1) : step.newName;
}

/** `Class.member` renamed to `newName` keeps its class: `Class.newMember`. */
function renamedPath(name: string, newName: string): string {
  if (!name.includes('.') || newName.includes('.')) return newName;
  return `${name.slice(0, name.lastIndexOf('.'))}.${newName}`;
}

/** Where the name of declaration `path` (`Name` or `Class.member`) starts, if the file declares it. */
function declarationPosition(file: string, text: string | undefined, path: string): number | undefined {
  if (text === undefined) return undefined;
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const [top, member] = path.split('.') as [string, string | undefined];
  for (const statement of source.statements) {
    const names: ts.Node[] = [];
    if (ts.isVariableStatement(statement)) {
      for (const d of statement.declarationList.declarations) names.push(d.name);
    } else if (
      (ts.isInterfaceDeclaration(statement) ||
        ts.isTypeAliasDeclaration(statement) ||
        ts.isClassDeclaration(statement) ||
        ts.isFunctionDeclaration(statement) ||
        ts.isEnumDeclaration(statement)) &&
      statement.name !== undefined
    ) {
      names.push(statement.name);
    }
    const name = names.find((n) => n.getText(source) === top);
    if (name === undefined) continue;
    if (member === undefined) return name.getStart(source);
    if (!ts.isClassDeclaration(statement) && !ts.isInterfaceDeclaration(statement)) return undefined;
    const found = (statement.members as ts.NodeArray<ts.ClassElement | ts.TypeElement>).find(
      (m) => m.name !== undefined && m.name.getText(source) === member,
    );
    return found?.name?.getStart(source);
  }
  return undefined;
}
