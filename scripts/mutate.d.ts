export declare const projectRoot: string
export declare const vocabulary: string[]
export type MutationKind = 'insert' | 'delete' | 'replace' | 'duplicate' | 'truncate' | 'swap' | 'repeat'
export declare const mutationKinds: MutationKind[]
export interface Mutation {
  kind: MutationKind
  /** Where, as a fraction of the line's length (0 ≤ at < 1). */
  at: number
  /** How much, as a fraction of the rest of the line (0 ≤ length < 1). */
  length: number
  piece: string
}
export declare function mutate (line: string, mutation: Mutation): string
export declare function seedLines (dialect: string): string[]
