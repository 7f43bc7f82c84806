/**
 * Reviewed terms for the traditional-Chinese interface, applied after OpenCC's mainland → Taiwan
 * conversion (cn → twp) of the simplified catalog: words OpenCC renders literally where Taiwan's
 * offices say something else. Keep it short and reviewed; scripts/gen-zh-tw.mjs applies it.
 */
export const ZH_TW_TERMS: readonly (readonly [from: string, to: string])[] = [
  ['調休上班日', '補班日'],
  ['調休', '補班'],
  ['崗位', '職位'],
  ['補休日', '補班日'],
  ['質量', '品質'],
  ['在線', '線上'],
  ['熱線', '專線'],
  ['郵箱', '信箱'],
  ['項目', '專案'],
  ['審覈', '稽核'],
  ['內審', '內部稽核'],
  ['反饋', '回饋'],
  ['響應', '回應'],
  ['全域性', '全域'],
  ['程式碼', '代碼'],
  ['型別', '類型'],
]
