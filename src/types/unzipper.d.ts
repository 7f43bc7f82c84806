// The part of unzipper (exceljs' own zip reader, pinned in package.json) that icm uses: reading
// the entries of a zip through its central directory. The package ships no types.
declare module 'unzipper' {
  interface CentralDirectoryFile {
    path: string
    buffer(): Promise<Buffer>
    /** the entry's data, inflated (read from the file when consumed) */
    stream(): NodeJS.ReadableStream & AsyncIterable<Buffer>
  }
  export interface CentralDirectory {
    files: CentralDirectoryFile[]
  }
  const unzipper: {
    Open: { file(path: string): Promise<CentralDirectory> }
  }
  export default unzipper
}
