using System.Text;
using MotCua.Core.Units;

namespace MotCua.Core.Tests.Units;

public class VietnameseTextTests
{
    [Fact]
    public void Fold_drops_accents_and_case()
    {
        Assert.Equal("dang ky khai sinh", VietnameseText.Fold("Đăng Ký Khai Sinh"));
        Assert.Equal("phuong thoi son", VietnameseText.Fold("PHƯỜNG THỚI SƠN"));
    }

    [Fact]
    public void Fold_gives_the_same_key_for_nfc_and_nfd_input()
    {
        const string name = "Xã Mỹ Hiệp";

        Assert.Equal(VietnameseText.Fold(name.Normalize(NormalizationForm.FormC)), VietnameseText.Fold(name.Normalize(NormalizationForm.FormD)));
        Assert.Equal("xa my hiep", VietnameseText.Fold(name.Normalize(NormalizationForm.FormD)));
    }

    [Fact]
    public void Fold_collapses_and_trims_whitespace()
    {
        Assert.Equal("xa my hiep", VietnameseText.Fold("  Xã \t Mỹ\u00a0 Hiệp \n"));
    }

    [Fact]
    public void Spelling_key_ignores_form_case_whitespace_and_tone_placement_only()
    {
        Assert.Equal(VietnameseText.SpellingKey("Tỉnh Hoà Bình"), VietnameseText.SpellingKey("tỉnh  hòa bình".Normalize(NormalizationForm.FormD)));
        Assert.NotEqual(VietnameseText.SpellingKey("Xã Văn Lang"), VietnameseText.SpellingKey("Xã Văn Lăng"));
        Assert.NotEqual(VietnameseText.SpellingKey("Xã Cẩm Giang"), VietnameseText.SpellingKey("Xã Cẩm Giàng"));
        Assert.Equal(VietnameseText.Fold("Xã Văn Lang"), VietnameseText.Fold("Xã Văn Lăng"));
    }

    [Fact]
    public void Canonical_is_trimmed_nfc()
    {
        Assert.Equal("Xã Nậm Nèn", VietnameseText.Canonical(" Xã  Nậm Nèn ".Normalize(NormalizationForm.FormD)));
        Assert.True(VietnameseText.Canonical("Xã Nậm Nèn".Normalize(NormalizationForm.FormD)).IsNormalized(NormalizationForm.FormC));
    }
}
