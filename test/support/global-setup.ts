// Placeholder: the Vault issue makes this resolve (and on first use build) the Vault binary.
export default function setup(): void {}
