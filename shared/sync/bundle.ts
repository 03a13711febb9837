/** The `.mkbundle` transport: format, writer and reader. See bundle-format.ts for the layout. */
export * from './bundle-format';
export { writeBundle } from './bundle-write';
export { BundleTooLargeError } from './bundle-write-limits';
export { readBundle, bundleInfo, formatBundleInfo, isEncryptedBundle, type BundleInfo, type BundleInfoResult } from './bundle-read';
